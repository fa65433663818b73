namespace RustIds.Rules.Prefilter;

/// <summary>Hyperscan was asked for but cannot be used (library missing, CPU without SSSE3, compile failure).</summary>
public sealed class PrefilterUnavailableException : Exception
{
    public PrefilterUnavailableException()
    {
    }

    public PrefilterUnavailableException(string message)
        : base(message)
    {
    }

    public PrefilterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
