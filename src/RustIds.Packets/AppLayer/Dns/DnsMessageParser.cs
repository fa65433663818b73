using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Parses one whole DNS message (a UDP payload, or a TCP message without its length prefix).</summary>
/// <remarks>
/// <para>
/// Header, questions and the answer, authority and additional sections are decoded in order into a
/// reusable <see cref="DnsMessage"/>. A structural problem stops the parse; a record whose rdata does
/// not fit its type is kept with <see cref="DnsRecord.IsRdataValid"/> false and parsing continues
/// (RDLENGTH still frames the next record). Bytes after the last section are ignored and counted, as
/// Suricata ignores them. Input bytes never cause an exception; every problem is counted by kind.
/// </para>
/// <para>No allocation per call. Not thread-safe: the message and counters belong to one worker thread.</para>
/// </remarks>
public static class DnsMessageParser
{
    private const int RecordFixedLength = 10;
    private const int QuestionFixedLength = 4;

    /// <summary>Parses <paramref name="message"/> into <paramref name="into"/>.</summary>
    /// <param name="message">The message bytes; copied, so they need not outlive the call.</param>
    /// <param name="into">Receives the decoded message (its previous content is replaced).</param>
    /// <param name="counters">The worker's counters.</param>
    /// <returns>Ok, or the first problem found (also in <see cref="DnsMessage.Status"/>).</returns>
    public static DnsParseStatus Parse(ReadOnlySpan<byte> message, DnsMessage into, DnsCounters counters)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(counters);
        if (message.Length > DnsMessage.MaxMessageBytes)
            counters.OversizedMessages++;
        var wire = into.Load(message);
        if (wire.Length < DnsNameReader.HeaderLength)
        {
            into.Status = DnsParseStatus.TruncatedHeader;
            counters.TruncatedHeader++;
            return DnsParseStatus.TruncatedHeader;
        }
        counters.Messages++;
        if ((wire[2] & 0x80) != 0)
            counters.Responses++;
        else
            counters.Queries++;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(wire[4..]);
        into.SetDeclaredCounts(
            questions,
            BinaryPrimitives.ReadUInt16BigEndian(wire[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(wire[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(wire[10..]));
        var status = ParseBody(wire, into, counters);
        into.Status = status;
        return status;
    }

    private static DnsParseStatus ParseBody(ReadOnlySpan<byte> wire, DnsMessage into, DnsCounters counters)
    {
        var options = into.Options;
        var position = DnsNameReader.HeaderLength;
        for (var i = 0; i < into.DeclaredQuestionCount; i++)
        {
            var keep = into.CanKeepQuestion;
            var slot = into.NameSlot(keep, out var nameStart);
            var status = DnsNameReader.Read(wire, position, wire.Length, slot, options.MaxNameLength, options.MaxCompressionPointers, out position, out var nameLength);
            if (status == DnsParseStatus.Ok && position + QuestionFixedLength > wire.Length)
                status = DnsParseStatus.CountBeyondData;
            if (status != DnsParseStatus.Ok)
                return Fail(counters, status);
            into.CommitName(keep, nameLength);
            var entry = new DnsQuestionEntry
            {
                NameStart = nameStart,
                NameLength = nameLength,
                Type = BinaryPrimitives.ReadUInt16BigEndian(wire[position..]),
                Class = BinaryPrimitives.ReadUInt16BigEndian(wire[(position + 2)..]),
            };
            position += QuestionFixedLength;
            if (keep)
                into.AddQuestion(entry);
            else
                counters.QuestionsDropped++;
        }
        var first = DnsParseStatus.Ok;
        var opcode = (byte)((wire[2] >> 3) & 0xF);
        for (var section = DnsSection.Answer; section <= DnsSection.Additional; section++)
        {
            var declared = section switch
            {
                DnsSection.Answer => into.DeclaredAnswerCount,
                DnsSection.Authority => into.DeclaredAuthorityCount,
                _ => into.DeclaredAdditionalCount,
            };
            for (var i = 0; i < declared; i++)
            {
                var status = ParseRecord(wire, into, section, opcode, ref position, counters, out var rdataStatus);
                if (status != DnsParseStatus.Ok)
                    return Fail(counters, status);
                if (rdataStatus != DnsParseStatus.Ok)
                {
                    counters.Count(rdataStatus);
                    if (first == DnsParseStatus.Ok)
                        first = rdataStatus;
                }
            }
        }
        if (position < wire.Length)
            counters.TrailingBytes++;
        return first;
    }

    private static DnsParseStatus ParseRecord(
        ReadOnlySpan<byte> wire,
        DnsMessage into,
        DnsSection section,
        byte opcode,
        ref int position,
        DnsCounters counters,
        out DnsParseStatus rdataStatus)
    {
        rdataStatus = DnsParseStatus.Ok;
        var options = into.Options;
        var keep = into.CanKeepRecord(section);
        var slot = into.NameSlot(keep, out var nameStart);
        var status = DnsNameReader.Read(wire, position, wire.Length, slot, options.MaxNameLength, options.MaxCompressionPointers, out var next, out var nameLength);
        if (status != DnsParseStatus.Ok)
            return status;
        if (next + RecordFixedLength > wire.Length)
            return DnsParseStatus.CountBeyondData;
        into.CommitName(keep, nameLength);
        var header = wire[next..];
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(header[8..]);
        var dataStart = next + RecordFixedLength;
        if (dataStart + dataLength > wire.Length)
            return DnsParseStatus.RdLengthBeyondData;
        var entry = new DnsRecordEntry
        {
            NameStart = nameStart,
            NameLength = nameLength,
            Type = BinaryPrimitives.ReadUInt16BigEndian(header),
            Class = BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            Ttl = BinaryPrimitives.ReadUInt32BigEndian(header[4..]),
            DataStart = dataStart,
            DataLength = dataLength,
        };
        rdataStatus = DnsRdataDecoder.Decode(wire, into, keep, opcode, ref entry);
        entry.RdataValid = rdataStatus == DnsParseStatus.Ok;
        if (!entry.RdataValid)
        {
            entry.TargetLength = 0;
            entry.Target2Length = 0;
        }
        position = dataStart + dataLength;
        if (keep)
            into.AddRecord(section, entry);
        else
            counters.RecordsDropped++;
        return DnsParseStatus.Ok;
    }

    private static DnsParseStatus Fail(DnsCounters counters, DnsParseStatus status)
    {
        counters.Count(status);
        return status;
    }
}
