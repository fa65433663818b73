namespace RustIds.Packets.AppLayer.Coap;

/// <summary>Storage limits of a reusable <see cref="CoapMessage"/>; every buffer it keeps is sized by one of these.</summary>
/// <remarks>
/// A CoAP message must fit one datagram (RFC 7252 §4.6 recommends at most 1,152 bytes), so the
/// defaults hold any sane message whole while bounding memory per worker.
/// </remarks>
public sealed record CoapParserOptions
{
    /// <summary>Default options.</summary>
    public static CoapParserOptions Default { get; } = new();

    /// <summary>Bytes kept of the joined Uri-Path and of the joined Uri-Query, each (default 1,024).</summary>
    /// <remarks>Longer values are kept cut and counted in <see cref="CoapCounters.TruncatedFields"/>.</remarks>
    public int MaxUriBytes { get; init; } = 1024;

    /// <summary>Bytes kept of the payload (default 2,048); the true length is still reported.</summary>
    public int MaxPayloadBytes { get; init; } = 2048;

    /// <summary>Options recorded in <see cref="CoapMessage.GetOption"/> (default 64); further ones are still decoded but not listed.</summary>
    public int MaxOptions { get; init; } = 64;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxUriBytes is < 255 or > 65535)
            problems.Add($"{nameof(MaxUriBytes)} must be between 255 and 65535 (was {MaxUriBytes}).");
        if (MaxPayloadBytes is < 0 or > 65535)
            problems.Add($"{nameof(MaxPayloadBytes)} must be between 0 and 65535 (was {MaxPayloadBytes}).");
        if (MaxOptions is < 1 or > 4096)
            problems.Add($"{nameof(MaxOptions)} must be between 1 and 4096 (was {MaxOptions}).");
        return problems;
    }
}
