using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Decides from its first bytes whether a flow direction carries DNS, by content rather than port.</summary>
/// <remarks>
/// A match needs a sane header (opcode 0, 1, 2, 4, 5 or 6; Z bit clear; at least one question; counts
/// that fit the message length at the minimum sizes of 5 bytes per question and 11 per record) and a
/// first question that decodes with a known class. Suricata's probe likewise requires the request to
/// parse. No allocation; never throws.
/// </remarks>
public static class DnsProbe
{
    private const int MinQuestionBytes = 5;
    private const int MinRecordBytes = 11;

    /// <summary>Probes a UDP payload or the start of a TCP stream (with its 2-byte length prefix).</summary>
    /// <param name="message">A whole datagram payload (UDP) or the first bytes of one direction (TCP).</param>
    /// <param name="isTcp">True when <paramref name="message"/> starts with the DNS-over-TCP length prefix.</param>
    /// <returns><see cref="ProbeResult.NeedMoreData"/> only for TCP, while the first question is incomplete.</returns>
    public static ProbeResult Probe(ReadOnlySpan<byte> message, bool isTcp)
    {
        var body = message;
        var declaredLength = message.Length;
        var complete = true;
        if (isTcp)
        {
            if (message.Length < 2)
                return ProbeResult.NeedMoreData;
            declaredLength = BinaryPrimitives.ReadUInt16BigEndian(message);
            body = message[2..];
            complete = body.Length >= declaredLength;
            if (complete)
                body = body[..declaredLength];
        }
        var incomplete = complete ? ProbeResult.NoMatch : ProbeResult.NeedMoreData;
        if (declaredLength < DnsNameReader.HeaderLength)
            return ProbeResult.NoMatch;
        if (body.Length < DnsNameReader.HeaderLength)
            return incomplete;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        var opcode = (flags >> 11) & 0xF;
        if (opcode is 3 or > 6 || (flags & 0x0040) != 0)
            return ProbeResult.NoMatch;
        long questions = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
        long records = (long)BinaryPrimitives.ReadUInt16BigEndian(body[6..])
            + BinaryPrimitives.ReadUInt16BigEndian(body[8..])
            + BinaryPrimitives.ReadUInt16BigEndian(body[10..]);
        if (questions == 0 || (questions * MinQuestionBytes) + (records * MinRecordBytes) > declaredLength - DnsNameReader.HeaderLength)
            return ProbeResult.NoMatch;
        var options = DnsParserOptions.Default;
        Span<byte> name = stackalloc byte[options.MaxNameLength];
        var status = DnsNameReader.Read(body, DnsNameReader.HeaderLength, body.Length, name, options.MaxNameLength, options.MaxCompressionPointers, out var next, out _);
        if (status == DnsParseStatus.CountBeyondData)
            return incomplete;
        if (status != DnsParseStatus.Ok)
            return ProbeResult.NoMatch;
        if (next + 4 > body.Length)
            return incomplete;
        var type = BinaryPrimitives.ReadUInt16BigEndian(body[next..]);
        // The top bit of QCLASS is mDNS's unicast-response flag (RFC 6762 §5.4).
        var @class = BinaryPrimitives.ReadUInt16BigEndian(body[(next + 2)..]) & 0x7FFF;
        return type != 0 && @class is 1 or 3 or 4 or 254 or 255 ? ProbeResult.Match : ProbeResult.NoMatch;
    }
}
