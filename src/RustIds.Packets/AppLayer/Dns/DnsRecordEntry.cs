namespace RustIds.Packets.AppLayer.Dns;

/// <summary>A decoded resource record as stored in a <see cref="DnsMessage"/>: offsets into its buffers.</summary>
internal struct DnsRecordEntry
{
    public int NameStart;
    public int NameLength;
    public ushort Type;
    public ushort Class;
    public uint Ttl;

    /// <summary>Rdata offset and length in the message bytes.</summary>
    public int DataStart;
    public int DataLength;

    /// <summary>First decoded rdata name (CNAME/NS/PTR/DNAME target, MX exchange, SRV target, SOA MNAME) in the name buffer.</summary>
    public int TargetStart;
    public int TargetLength;

    /// <summary>Second decoded rdata name (SOA RNAME) in the name buffer.</summary>
    public int Target2Start;
    public int Target2Length;

    /// <summary>Rdata was decoded (or needs no decoding) without a problem.</summary>
    public bool RdataValid;
}
