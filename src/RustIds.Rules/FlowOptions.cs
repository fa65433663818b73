namespace RustIds.Rules;

/// <summary>The <c>flow:</c> option as flags.</summary>
[Flags]
public enum FlowOptions : byte
{
    /// <summary>No flow condition.</summary>
    None = 0,

    /// <summary><c>to_server</c> / <c>from_client</c>.</summary>
    ToServer = 1,

    /// <summary><c>to_client</c> / <c>from_server</c>.</summary>
    ToClient = 2,

    /// <summary><c>established</c>.</summary>
    Established = 4,

    /// <summary><c>not_established</c>.</summary>
    NotEstablished = 8,

    /// <summary><c>stateless</c>: match regardless of flow state.</summary>
    Stateless = 16,
}
