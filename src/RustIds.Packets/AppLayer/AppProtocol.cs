namespace RustIds.Packets.AppLayer;

/// <summary>Application protocol of a flow, detected from its content (ports are only a hint).</summary>
/// <remarks>The names follow Suricata's EVE <c>app_proto</c> values (<c>http</c>, <c>dns</c>, <c>tls</c>, ...).</remarks>
public enum AppProtocol : byte
{
    /// <summary>Not detected yet (too little data seen).</summary>
    Unknown = 0,

    Http = 1,
    Dns = 2,
    Tls = 3,
    Ssh = 4,
    Mqtt = 5,
    Coap = 6,

    /// <summary>Detection gave up: the data matched no known protocol.</summary>
    Failed = 255,
}
