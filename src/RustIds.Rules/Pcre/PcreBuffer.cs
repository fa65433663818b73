namespace RustIds.Rules.Pcre;

/// <summary>The inspection buffer a <c>pcre</c> option searches, chosen by its buffer modifier letter.</summary>
/// <remarks>Snort 2 / Suricata modifiers; Snort 3 rules use sticky buffers instead and leave this <see cref="Default"/>.</remarks>
public enum PcreBuffer : byte
{
    /// <summary>No buffer letter: the current (sticky) buffer or the payload.</summary>
    Default,

    /// <summary><c>U</c>: normalized HTTP request URI.</summary>
    Uri,

    /// <summary><c>I</c>: raw HTTP request URI.</summary>
    RawUri,

    /// <summary><c>P</c>: HTTP request body.</summary>
    RequestBody,

    /// <summary><c>Q</c>: HTTP response body.</summary>
    ResponseBody,

    /// <summary><c>H</c>: normalized HTTP header.</summary>
    Header,

    /// <summary><c>D</c>: raw HTTP header.</summary>
    RawHeader,

    /// <summary><c>M</c>: HTTP method.</summary>
    Method,

    /// <summary><c>C</c>: HTTP cookie.</summary>
    Cookie,

    /// <summary><c>K</c>: raw HTTP cookie.</summary>
    RawCookie,

    /// <summary><c>S</c>: HTTP status code.</summary>
    StatCode,

    /// <summary><c>Y</c>: HTTP status message.</summary>
    StatMsg,

    /// <summary><c>V</c>: HTTP User-Agent header value.</summary>
    UserAgent,

    /// <summary><c>W</c>: normalized HTTP Host header value.</summary>
    Host,

    /// <summary><c>Z</c>: raw HTTP Host header value.</summary>
    RawHost,

    /// <summary><c>B</c>: raw packet bytes (Snort 2 <c>rawbytes</c>).</summary>
    RawBytes,
}
