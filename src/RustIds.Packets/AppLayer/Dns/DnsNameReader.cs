namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Decodes a possibly compressed domain name (RFC 1035 §3.1, §4.1.4) into dotted form.</summary>
/// <remarks>
/// <para>
/// Labels are copied as received and joined with '.', with no trailing dot and no case folding or
/// escaping: the same bytes Suricata matches <c>dns.query</c> against. A label that itself contains
/// '.' is indistinguishable from two labels, as in Suricata. The root name decodes to an empty span.
/// </para>
/// <para>
/// Safety (RFC 9267): a pointer must go strictly before the start of the name part being read
/// (so no loop can form), never into the header, and at most <c>maxPointers</c> are followed; the wire
/// length is capped at <c>maxNameLength</c>; label octets 0x40–0xBF are rejected.
/// </para>
/// </remarks>
internal static class DnsNameReader
{
    public const int HeaderLength = 12;

    /// <summary>Reads the name at <paramref name="offset"/>.</summary>
    /// <param name="message">The whole message (pointer targets are offsets into it).</param>
    /// <param name="offset">Where the name starts.</param>
    /// <param name="limit">End of the bytes the uncompressed part may use (the message or rdata end).</param>
    /// <param name="output">Receives the dotted name; at least <paramref name="maxNameLength"/> bytes.</param>
    /// <param name="maxNameLength">Longest wire form accepted.</param>
    /// <param name="maxPointers">Pointers followed at most.</param>
    /// <param name="next">Offset just after the name in place (after its first pointer, if any).</param>
    /// <param name="written">Bytes written to <paramref name="output"/>.</param>
    /// <returns><see cref="DnsParseStatus.Ok"/> or the problem; running out of bytes is <see cref="DnsParseStatus.CountBeyondData"/>.</returns>
    public static DnsParseStatus Read(
        ReadOnlySpan<byte> message,
        int offset,
        int limit,
        Span<byte> output,
        int maxNameLength,
        int maxPointers,
        out int next,
        out int written)
    {
        next = -1;
        written = 0;
        var position = offset;
        var partStart = offset;
        var end = limit;
        var wireLength = 1;
        var pointers = 0;
        while (true)
        {
            if (position >= end)
                return DnsParseStatus.CountBeyondData;
            int length = message[position];
            if (length == 0)
            {
                if (next < 0)
                    next = position + 1;
                return DnsParseStatus.Ok;
            }
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= end)
                    return DnsParseStatus.CountBeyondData;
                var target = ((length & 0x3F) << 8) | message[position + 1];
                if (target > position)
                    return DnsParseStatus.ForwardPointer;
                if (target >= partStart)
                    return DnsParseStatus.PointerLoop;
                if (target < HeaderLength)
                    return DnsParseStatus.PointerIntoHeader;
                if (++pointers > maxPointers)
                    return DnsParseStatus.TooManyPointers;
                if (next < 0)
                    next = position + 2;
                position = target;
                partStart = target;
                end = message.Length;
                continue;
            }
            if (length > 63)
                return DnsParseStatus.LabelTooLong;
            if (position + 1 + length > end)
                return DnsParseStatus.CountBeyondData;
            wireLength += 1 + length;
            if (wireLength > maxNameLength)
                return DnsParseStatus.NameTooLong;
            if (written > 0)
                output[written++] = (byte)'.';
            message.Slice(position + 1, length).CopyTo(output[written..]);
            written += length;
            position += 1 + length;
        }
    }
}
