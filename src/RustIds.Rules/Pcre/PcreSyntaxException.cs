namespace RustIds.Rules.Pcre;

/// <summary>Internal control flow of <see cref="PcreTranslator"/> only: a construct it refuses, at an offset. Never leaves the translator.</summary>
internal sealed class PcreSyntaxException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
