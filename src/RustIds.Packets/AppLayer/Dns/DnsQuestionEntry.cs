namespace RustIds.Packets.AppLayer.Dns;

/// <summary>A decoded question as stored in a <see cref="DnsMessage"/>: offsets into its name buffer.</summary>
internal struct DnsQuestionEntry
{
    public int NameStart;
    public int NameLength;
    public ushort Type;
    public ushort Class;
}
