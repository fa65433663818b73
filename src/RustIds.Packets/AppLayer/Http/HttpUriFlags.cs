namespace RustIds.Packets.AppLayer.Http;

/// <summary>What URI normalization found in a request URI (evasion indicators, after libhtp's path flags).</summary>
[Flags]
public enum HttpUriFlags
{
    None = 0,

    /// <summary>A <c>%</c> not followed by two hex digits (or <c>%u</c> by four); the <c>%</c> was kept.</summary>
    InvalidEncoding = 1 << 0,

    /// <summary>An encoded path separator (<c>%2f</c>, <c>%5c</c>, or a <c>%u</c> form) was decoded.</summary>
    EncodedSeparator = 1 << 1,

    /// <summary>An encoded NUL (<c>%00</c>, <c>%u0000</c>) was decoded.</summary>
    EncodedNul = 1 << 2,

    /// <summary>A raw NUL byte was in the URI.</summary>
    RawNul = 1 << 3,

    /// <summary>A <c>%uHHHH</c> escape was decoded.</summary>
    UEncoding = 1 << 4,

    /// <summary>The decoded path was not valid UTF-8; bad bytes became <c>?</c>.</summary>
    Utf8Invalid = 1 << 5,

    /// <summary>The decoded path held an overlong UTF-8 form (such as <c>%c0%af</c> for <c>/</c>), decoded anyway.</summary>
    Utf8Overlong = 1 << 6,

    /// <summary>A half-width or full-width code point (U+FF00–U+FFEF) was mapped to ASCII.</summary>
    FullWidth = 1 << 7,

    /// <summary>A backslash in the path was turned into a forward slash.</summary>
    Backslash = 1 << 8,

    /// <summary>The URI was absolute (scheme and authority); they are left out of the normalized URI.</summary>
    Absolute = 1 << 9,
}
