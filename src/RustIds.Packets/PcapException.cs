namespace RustIds.Packets;

/// <summary>libpcap could not be loaded, or could not open, configure or read a capture.</summary>
/// <remarks>
/// An environment error (DESIGN.md "Errors, three kinds"): caught at the stage boundary, logged once,
/// then retried when <see cref="IsTransient"/> is true or the worker is stopped on purpose.
/// </remarks>
public sealed class PcapException : Exception
{
    public PcapException()
        : this("libpcap failed.")
    {
    }

    public PcapException(string message)
        : this(message, captureSource: null, status: 0, isTransient: false)
    {
    }

    public PcapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcapException(string message, string? captureSource, int status, bool isTransient)
        : base(message)
    {
        CaptureSource = captureSource;
        Status = status;
        IsTransient = isTransient;
    }

    /// <summary>The file path or interface name the error is about, when there is one.</summary>
    public string? CaptureSource { get; }

    /// <summary>libpcap's status code (negative PCAP_ERROR_* value), or 0 when libpcap gave none.</summary>
    public int Status { get; }

    /// <summary>True when trying again later may succeed (interface missing or down).</summary>
    public bool IsTransient { get; }

    internal static PcapException LibraryMissing(IReadOnlyList<string> triedNames) => new(
        $"libpcap could not be loaded (tried {string.Join(", ", triedNames)}). "
            + "Install the Debian package libpcap0.8: apt-get install libpcap0.8",
        captureSource: null,
        status: 0,
        isTransient: false);
}
