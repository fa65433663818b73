namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>What the SSH parsers of one capture worker saw, as plain counters.</summary>
/// <remarks>Not thread-safe: one writer thread (the worker); readers tolerate torn snapshots.</remarks>
public sealed class SshCounters
{
    /// <summary>Client identification lines parsed and delivered.</summary>
    public long ClientBanners;

    /// <summary>Server identification lines parsed and delivered.</summary>
    public long ServerBanners;

    /// <summary>Non-banner lines skipped before an identification line (normal from servers).</summary>
    public long PreBannerLines;

    /// <summary>Identification lines longer than <see cref="SshParserOptions.MaxLineBytes"/>, delivered cut.</summary>
    public long TruncatedBanners;

    /// <summary>Lines starting with <c>SSH-</c> without the <c>-</c> after the protocol version; the direction stops.</summary>
    public long MalformedBanners;

    /// <summary>Client lines that are not an identification line (with pre-banner lines not allowed); the direction stops.</summary>
    public long InvalidClientLines;

    /// <summary>Directions that sent more pre-banner lines or bytes than allowed; the direction stops.</summary>
    public long PreBannerLimitExceeded;

    /// <summary>Directions that lost bytes before their identification line was complete; the direction stops.</summary>
    public long Gaps;

    /// <summary>Data passed with <see cref="FlowDirection.Unknown"/>; ignored.</summary>
    public long UnknownDirection;

    /// <summary>Sum of the error counters (not the informational ones).</summary>
    public long Errors => TruncatedBanners + MalformedBanners + InvalidClientLines + PreBannerLimitExceeded + Gaps + UnknownDirection;
}
