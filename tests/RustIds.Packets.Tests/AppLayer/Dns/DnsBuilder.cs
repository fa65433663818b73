using System.Buffers.Binary;
using System.Text;

namespace RustIds.Packets.Tests.AppLayer.Dns;

/// <summary>Writes DNS messages byte by byte (RFC 1035 §4.1 layout), for tests; offsets are known so pointers can be aimed.</summary>
internal sealed class DnsBuilder
{
    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    /// <summary>ID, flags word, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT.</summary>
    public DnsBuilder Header(ushort id, ushort flags, int questions, int answers = 0, int authorities = 0, int additionals = 0) =>
        U16(id).U16(flags).U16((ushort)questions).U16((ushort)answers).U16((ushort)authorities).U16((ushort)additionals);

    /// <summary>An uncompressed name ending with the root octet.</summary>
    public DnsBuilder Name(string dotted)
    {
        Labels(dotted);
        return Byte(0);
    }

    /// <summary>Labels without the root octet (follow with <see cref="Pointer"/> or <see cref="Byte"/>(0)).</summary>
    public DnsBuilder Labels(string dotted)
    {
        if (dotted.Length == 0)
            return this;
        foreach (var label in dotted.Split('.'))
            Label(Encoding.ASCII.GetBytes(label));
        return this;
    }

    public DnsBuilder Label(ReadOnlySpan<byte> label)
    {
        Byte((byte)label.Length);
        return Bytes(label);
    }

    /// <summary>A compression pointer: 11 in the top two bits, then the 14-bit offset.</summary>
    public DnsBuilder Pointer(int offset) => U16((ushort)(0xC000 | offset));

    /// <summary>QTYPE and QCLASS.</summary>
    public DnsBuilder Question(string name, ushort type, ushort @class = 1) => Name(name).U16(type).U16(@class);

    /// <summary>TYPE, CLASS, TTL of a record whose owner name was just written; then rdata via <paramref name="rdata"/>.</summary>
    public DnsBuilder Record(ushort type, uint ttl, Action<DnsBuilder> rdata, ushort @class = 1)
    {
        U16(type).U16(@class).U32(ttl);
        var lengthAt = Position;
        U16(0);
        rdata(this);
        var length = Position - lengthAt - 2;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
        return this;
    }

    public DnsBuilder Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public DnsBuilder Bytes(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
            _bytes.Add(b);
        return this;
    }

    public DnsBuilder U16(ushort value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
        return Bytes(buffer);
    }

    public DnsBuilder U32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        return Bytes(buffer);
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>The message with its DNS-over-TCP 2-byte length prefix.</summary>
    public static byte[] WithTcpPrefix(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }
}
