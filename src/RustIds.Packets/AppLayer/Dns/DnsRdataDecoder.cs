namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Checks and decodes the rdata of the record types the parser understands (RFC 1035 §3.3–3.4, RFC 3596, RFC 2782).</summary>
/// <remarks>
/// Names inside rdata may be compressed (pointers reach anywhere earlier in the message), but their
/// in-place bytes must end exactly at the rdata end; so must the fixed fields of MX, SRV and SOA.
/// Empty rdata is accepted for every type in UPDATE messages and with class ANY or NONE (RFC 2136 §2.5),
/// and always for OPT. Other types are kept raw and not checked.
/// </remarks>
internal static class DnsRdataDecoder
{
    private const byte OpcodeUpdate = 5;
    private const ushort ClassNone = 254;
    private const ushort ClassAny = 255;

    public static DnsParseStatus Decode(ReadOnlySpan<byte> message, DnsMessage into, bool keep, byte opcode, ref DnsRecordEntry entry)
    {
        var start = entry.DataStart;
        var length = entry.DataLength;
        if (length == 0 && (opcode == OpcodeUpdate || entry.Class is ClassAny or ClassNone || entry.Type == DnsRecordType.OPT))
            return DnsParseStatus.Ok;
        switch (entry.Type)
        {
            case DnsRecordType.A:
                return length == 4 ? DnsParseStatus.Ok : DnsParseStatus.BadRdata;
            case DnsRecordType.AAAA:
                return length == 16 ? DnsParseStatus.Ok : DnsParseStatus.BadRdata;
            case DnsRecordType.CNAME:
            case DnsRecordType.NS:
            case DnsRecordType.PTR:
            case DnsRecordType.DNAME:
            case DnsRecordType.MB:
            case DnsRecordType.MD:
            case DnsRecordType.MF:
            case DnsRecordType.MG:
            case DnsRecordType.MR:
                return ReadNames(message, into, keep, start, start + length, 1, ref entry);
            case DnsRecordType.MX:
                // PREFERENCE (2 bytes), EXCHANGE.
                return length < 3 ? DnsParseStatus.BadRdata : ReadNames(message, into, keep, start + 2, start + length, 1, ref entry);
            case DnsRecordType.SRV:
                // PRIORITY, WEIGHT, PORT (2 bytes each), TARGET (RFC 2782).
                return length < 7 ? DnsParseStatus.BadRdata : ReadNames(message, into, keep, start + 6, start + length, 1, ref entry);
            case DnsRecordType.SOA:
                // MNAME, RNAME, then SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM (4 bytes each).
                return length < 22 ? DnsParseStatus.BadRdata : ReadNames(message, into, keep, start, start + length - 20, 2, ref entry);
            case DnsRecordType.TXT:
            case DnsRecordType.SPF:
                return CheckCharacterStrings(message.Slice(start, length));
            default:
                return DnsParseStatus.Ok;
        }
    }

    private static DnsParseStatus ReadNames(ReadOnlySpan<byte> message, DnsMessage into, bool keep, int offset, int end, int count, ref DnsRecordEntry entry)
    {
        var options = into.Options;
        for (var i = 0; i < count; i++)
        {
            var slot = into.NameSlot(keep, out var slotStart);
            var status = DnsNameReader.Read(message, offset, end, slot, options.MaxNameLength, options.MaxCompressionPointers, out var next, out var written);
            if (status != DnsParseStatus.Ok)
                return status == DnsParseStatus.CountBeyondData ? DnsParseStatus.BadRdata : status;
            into.CommitName(keep, written);
            if (i == 0)
            {
                entry.TargetStart = slotStart;
                entry.TargetLength = written;
            }
            else
            {
                entry.Target2Start = slotStart;
                entry.Target2Length = written;
            }
            offset = next;
        }
        return offset == end ? DnsParseStatus.Ok : DnsParseStatus.BadRdata;
    }

    private static DnsParseStatus CheckCharacterStrings(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return DnsParseStatus.BadRdata;
        var position = 0;
        while (position < data.Length)
            position += 1 + data[position];
        return position == data.Length ? DnsParseStatus.Ok : DnsParseStatus.BadRdata;
    }
}
