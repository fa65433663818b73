namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>Limits of the SSH identification parser; every byte it keeps is bounded by one of these.</summary>
/// <remarks>
/// RFC 4253 §4.2 caps the identification line at 255 bytes including CR LF and lets only the
/// server send other lines before it. The defaults follow the RFC while tolerating the usual
/// deviations (bare LF, a short banner from a load balancer).
/// </remarks>
public sealed record SshParserOptions
{
    /// <summary>Default options.</summary>
    public static SshParserOptions Default { get; } = new();

    /// <summary>Bytes kept of the identification line, without its CR LF (default 255).</summary>
    /// <remarks>
    /// A compliant line always fits (RFC 4253 §4.2: 255 with CR LF). A longer line that starts with
    /// <c>SSH-</c> is delivered cut at this length, marked <see cref="SshBanner.IsTruncated"/> and counted.
    /// </remarks>
    public int MaxLineBytes { get; init; } = 255;

    /// <summary>Lines the server may send before its identification line (default 64).</summary>
    /// <remarks>OpenSSH accepts up to 1024; real servers send none or a few (a legal notice). Beyond it the direction stops.</remarks>
    public int MaxPreBannerLines { get; init; } = 64;

    /// <summary>Bytes the server may send before its identification line (default 16,384).</summary>
    /// <remarks>Bounds how long a direction waits for a line feed; beyond it the direction stops.</remarks>
    public int MaxPreBannerBytes { get; init; } = 16384;

    /// <summary>Accept non-<c>SSH-</c> lines before the client's banner as well (default false).</summary>
    /// <remarks>RFC 4253 §4.2 allows them only from the server; by default a client line that is not a banner stops the direction.</remarks>
    public bool AllowClientPreBannerLines { get; init; }

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxLineBytes is < 16 or > 65535)
            problems.Add($"{nameof(MaxLineBytes)} must be between 16 and 65535 (was {MaxLineBytes}).");
        if (MaxPreBannerLines is < 0 or > 100000)
            problems.Add($"{nameof(MaxPreBannerLines)} must be between 0 and 100000 (was {MaxPreBannerLines}).");
        if (MaxPreBannerBytes is < 0 or > (1 << 24))
            problems.Add($"{nameof(MaxPreBannerBytes)} must be between 0 and 16777216 (was {MaxPreBannerBytes}).");
        return problems;
    }
}
