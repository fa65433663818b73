namespace RustIds.Reputation.GeoIp;

/// <summary>A MaxMind DB file is missing, unreadable or corrupt.</summary>
/// <remarks>Every problem found in the file's bytes surfaces as this exception, never as an index or cast error.</remarks>
public sealed class MaxMindDbException : Exception
{
    public MaxMindDbException()
        : this("MaxMind DB error.")
    {
    }

    public MaxMindDbException(string message)
        : base(message)
    {
        Path = "";
    }

    public MaxMindDbException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    /// <summary>Creates the exception for <paramref name="path"/>; the message names the path.</summary>
    public MaxMindDbException(string path, string message, Exception? innerException = null)
        : base($"{path}: {message}", innerException)
    {
        Path = path;
    }

    /// <summary>The database file the problem was found in.</summary>
    public string Path { get; }

    /// <summary>Always false: a corrupt or missing file does not fix itself by retrying.</summary>
    public bool IsTransient => false;
}
