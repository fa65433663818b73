namespace RustIds.Packets.AppLayer.Dns;

/// <summary>The three resource record sections of a DNS message (RFC 1035 §4.1).</summary>
public enum DnsSection : byte
{
    /// <summary>Answer records (in an UPDATE message: prerequisites).</summary>
    Answer = 0,

    /// <summary>Authority records (in an UPDATE message: updates).</summary>
    Authority = 1,

    /// <summary>Additional records, EDNS OPT included.</summary>
    Additional = 2,
}
