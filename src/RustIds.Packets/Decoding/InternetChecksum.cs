using System.Buffers.Binary;

namespace RustIds.Packets.Decoding;

/// <summary>The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-header sum TCP, UDP and ICMPv6 cover.</summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to <paramref name="sum"/> (not yet folded).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // 32-bit words into a 64-bit accumulator: the carries fold in at the end (RFC 1071 §2(C)).
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it: the value a sender writes, or 0 when a receiver checks a correct packet.</summary>
    public static ushort Finish(ulong sum)
    {
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>The pseudo-header's contribution (RFC 9293 §3.1, RFC 8200 §8.1) for a transport segment of <paramref name="length"/> bytes.</summary>
    public static ulong PseudoHeader(IpAddr source, IpAddr destination, IpProtocol protocol, int length)
    {
        Span<byte> addresses = stackalloc byte[32];
        var size = source.WriteBytes(addresses);
        destination.WriteBytes(addresses[size..]);
        return Add((ulong)protocol + (uint)length, addresses[..(2 * size)]);
    }
}
