using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>One resource record of a parsed DNS message (RFC 1035 §4.1.3), as a view over the message's buffers.</summary>
/// <remarks>
/// The raw rdata is always available in <see cref="Data"/>; decoded forms are filled for A, AAAA,
/// CNAME, NS, PTR, DNAME, MB, MD, MF, MG, MR, MX, SRV, SOA and TXT when <see cref="IsRdataValid"/>.
/// Valid until the next parse into the same <see cref="DnsMessage"/>.
/// </remarks>
public readonly ref struct DnsRecord
{
    internal DnsRecord(in DnsRecordEntry entry, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data, ReadOnlySpan<byte> target, ReadOnlySpan<byte> target2)
    {
        Name = name;
        Type = entry.Type;
        Class = entry.Class;
        Ttl = entry.Ttl;
        Data = data;
        Target = target;
        Mailbox = target2;
        IsRdataValid = entry.RdataValid;
    }

    /// <summary>Owner name, dotted as received (see <see cref="DnsQuestion.Name"/>).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>TYPE (see <see cref="DnsRecordType"/>).</summary>
    public ushort Type { get; }

    /// <summary>CLASS; for OPT the requestor's UDP payload size (RFC 6891 §6.1.2).</summary>
    public ushort Class { get; }

    /// <summary>TTL in seconds; for OPT the extended RCODE and flags.</summary>
    public uint Ttl { get; }

    /// <summary>The raw rdata bytes (names in it may be compressed: use the decoded forms).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>False when the rdata of a decoded type did not fit its RDLENGTH; decoded forms are then empty.</summary>
    public bool IsRdataValid { get; }

    /// <summary>Decoded target name: CNAME/NS/PTR/DNAME target, MX exchange, SRV target, SOA MNAME; empty otherwise.</summary>
    public ReadOnlySpan<byte> Target { get; }

    /// <summary>SOA RNAME (the responsible mailbox as a name); empty otherwise.</summary>
    public ReadOnlySpan<byte> Mailbox { get; }

    /// <summary>The address of a valid A or AAAA record; default (Unspecified) otherwise.</summary>
    public IpAddr Address => IsRdataValid && ((Type == DnsRecordType.A && Data.Length == 4) || (Type == DnsRecordType.AAAA && Data.Length == 16))
        ? IpAddr.FromBytes(Data)
        : default;

    /// <summary>MX preference or SRV priority; 0 otherwise.</summary>
    public ushort Preference => IsRdataValid && Type is DnsRecordType.MX or DnsRecordType.SRV && Data.Length >= 2
        ? BinaryPrimitives.ReadUInt16BigEndian(Data)
        : (ushort)0;

    /// <summary>SRV weight; 0 otherwise.</summary>
    public ushort Weight => IsSrv ? BinaryPrimitives.ReadUInt16BigEndian(Data[2..]) : (ushort)0;

    /// <summary>SRV port; 0 otherwise.</summary>
    public ushort Port => IsSrv ? BinaryPrimitives.ReadUInt16BigEndian(Data[4..]) : (ushort)0;

    /// <summary>SOA SERIAL; 0 otherwise.</summary>
    public uint SoaSerial => SoaField(0);

    /// <summary>SOA REFRESH in seconds; 0 otherwise.</summary>
    public uint SoaRefresh => SoaField(1);

    /// <summary>SOA RETRY in seconds; 0 otherwise.</summary>
    public uint SoaRetry => SoaField(2);

    /// <summary>SOA EXPIRE in seconds; 0 otherwise.</summary>
    public uint SoaExpire => SoaField(3);

    /// <summary>SOA MINIMUM (negative caching TTL) in seconds; 0 otherwise.</summary>
    public uint SoaMinimum => SoaField(4);

    /// <summary>The character-strings of a TXT (or SPF) record; empty for other types.</summary>
    public DnsTxtEnumerator TxtStrings => new(Type is DnsRecordType.TXT or DnsRecordType.SPF ? Data : default);

    // Lengths are checked here too: empty rdata is valid in UPDATE messages and with class ANY or NONE
    // (found by the mutation test).
    private bool IsSrv => IsRdataValid && Type == DnsRecordType.SRV && Data.Length >= 6;

    // The five 32-bit SOA counters are the last 20 rdata bytes, after the two names (RFC 1035 §3.3.13).
    private uint SoaField(int index) => IsRdataValid && Type == DnsRecordType.SOA && Data.Length >= 20
        ? BinaryPrimitives.ReadUInt32BigEndian(Data[(Data.Length - 20 + (4 * index))..])
        : 0;
}
