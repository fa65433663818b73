namespace RustIds.Rules.Matching;

/// <summary>Transforms applied to a buffer before its keywords inspect it (Suricata's transform keywords).</summary>
/// <remarks>Applied in a fixed order: whitespace, case, then <c>dotprefix</c>, which is the order rules use them in.</remarks>
[Flags]
public enum BufferTransforms : byte
{
    None = 0,

    /// <summary><c>strip_whitespace</c>: every whitespace byte removed.</summary>
    StripWhitespace = 1,

    /// <summary><c>compress_whitespace</c>: runs of whitespace become one space.</summary>
    CompressWhitespace = 2,

    /// <summary><c>to_lowercase</c>.</summary>
    ToLowercase = 4,

    /// <summary><c>to_uppercase</c>.</summary>
    ToUppercase = 8,

    /// <summary><c>dotprefix</c>: a '.' before the buffer, so <c>".example.com"</c> matches the domain and its subdomains only.</summary>
    DotPrefix = 16,
}
