namespace RustIds.Packets.AppLayer.Dns;

/// <summary>One question of a parsed DNS message (RFC 1035 §4.1.2), as a view over the message's buffers.</summary>
/// <remarks>Valid until the next parse into the same <see cref="DnsMessage"/>.</remarks>
public readonly ref struct DnsQuestion
{
    internal DnsQuestion(ReadOnlySpan<byte> name, ushort type, ushort @class)
    {
        Name = name;
        Type = type;
        Class = @class;
    }

    /// <summary>QNAME as received: labels joined with '.', no trailing dot, case kept (what <c>dns.query</c> matches); empty for the root.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>QTYPE (see <see cref="DnsRecordType"/>).</summary>
    public ushort Type { get; }

    /// <summary>QCLASS (1 = IN); in mDNS the top bit is the unicast-response flag.</summary>
    public ushort Class { get; }
}
