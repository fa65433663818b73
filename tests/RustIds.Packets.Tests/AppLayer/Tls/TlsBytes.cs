using System.Buffers.Binary;
using System.Text;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Builds TLS wire bytes for tests: hello bodies, handshake messages, records, extensions.</summary>
internal static class TlsBytes
{
    public static byte[] ClientHelloBody(
        ushort version,
        ushort[] ciphers,
        (ushort Type, byte[] Data)[]? extensions,
        int sessionIdLength = 32,
        byte[]? compression = null)
    {
        var body = new List<byte>();
        AddUInt16(body, version);
        body.AddRange(Enumerable.Range(0, 32).Select(i => (byte)(0x40 + i))); // random
        body.Add((byte)sessionIdLength);
        body.AddRange(Enumerable.Repeat((byte)0x5A, sessionIdLength)); // session id
        AddUInt16(body, (ushort)(ciphers.Length * 2));
        foreach (var cipher in ciphers)
            AddUInt16(body, cipher);
        compression ??= [0];
        body.Add((byte)compression.Length);
        body.AddRange(compression);
        if (extensions is not null)
            AddExtensions(body, extensions);
        return [.. body];
    }

    public static byte[] ServerHelloBody(ushort version, ushort cipher, (ushort Type, byte[] Data)[]? extensions, byte[]? random = null)
    {
        var body = new List<byte>();
        AddUInt16(body, version);
        body.AddRange(random ?? Enumerable.Range(0, 32).Select(i => (byte)(0x80 + i)).ToArray());
        body.Add(32);
        body.AddRange(Enumerable.Repeat((byte)0x5A, 32));
        AddUInt16(body, cipher);
        body.Add(0); // null compression
        if (extensions is not null)
            AddExtensions(body, extensions);
        return [.. body];
    }

    /// <summary>Certificate message body (RFC 5246 §7.4.2) holding the given DER certificates.</summary>
    public static byte[] CertificateBody(params byte[][] certificates)
    {
        var list = new List<byte>();
        foreach (var certificate in certificates)
        {
            AddUInt24(list, certificate.Length);
            list.AddRange(certificate);
        }
        var body = new List<byte>();
        AddUInt24(body, list.Count);
        body.AddRange(list);
        return [.. body];
    }

    public static byte[] Handshake(byte type, byte[] body)
    {
        var message = new List<byte> { type };
        AddUInt24(message, body.Length);
        message.AddRange(body);
        return [.. message];
    }

    /// <summary>Wraps a payload into records of at most <paramref name="maxFragment"/> bytes each.</summary>
    public static byte[] Records(byte contentType, byte[] payload, int maxFragment = 16384, ushort version = 0x0301)
    {
        var output = new List<byte>();
        for (var offset = 0; offset < payload.Length || (offset == 0 && payload.Length == 0); offset += maxFragment)
        {
            var length = Math.Min(maxFragment, payload.Length - offset);
            output.Add(contentType);
            AddUInt16(output, version);
            AddUInt16(output, (ushort)length);
            output.AddRange(payload.AsSpan(offset, length).ToArray());
            if (payload.Length == 0)
                break;
        }
        return [.. output];
    }

    public static (ushort, byte[]) Sni(string host)
    {
        var name = Encoding.ASCII.GetBytes(host);
        var data = new List<byte>();
        AddUInt16(data, (ushort)(name.Length + 3));
        data.Add(0); // host_name
        AddUInt16(data, (ushort)name.Length);
        data.AddRange(name);
        return (0x0000, [.. data]);
    }

    public static (ushort, byte[]) Alpn(params string[] protocols)
    {
        var list = new List<byte>();
        foreach (var protocol in protocols)
        {
            list.Add((byte)protocol.Length);
            list.AddRange(Encoding.ASCII.GetBytes(protocol));
        }
        var data = new List<byte>();
        AddUInt16(data, (ushort)list.Count);
        data.AddRange(list);
        return (0x0010, [.. data]);
    }

    public static (ushort, byte[]) Groups(params ushort[] groups) => (0x000a, UInt16List(groups));

    public static (ushort, byte[]) SignatureAlgorithms(params ushort[] algorithms) => (0x000d, UInt16List(algorithms));

    public static (ushort, byte[]) PointFormats(params byte[] formats) => (0x000b, [(byte)formats.Length, .. formats]);

    public static (ushort, byte[]) SupportedVersions(params ushort[] versions)
    {
        var data = new List<byte> { (byte)(versions.Length * 2) };
        foreach (var version in versions)
            AddUInt16(data, version);
        return (0x002b, [.. data]);
    }

    public static (ushort, byte[]) ServerSupportedVersion(ushort version) => (0x002b, [(byte)(version >> 8), (byte)version]);

    public static (ushort, byte[]) Opaque(ushort type, int length = 0) => (type, Enumerable.Range(0, length).Select(i => (byte)i).ToArray());

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] UInt16List(ushort[] values)
    {
        var data = new List<byte>();
        AddUInt16(data, (ushort)(values.Length * 2));
        foreach (var value in values)
            AddUInt16(data, value);
        return [.. data];
    }

    private static void AddExtensions(List<byte> body, (ushort Type, byte[] Data)[] extensions)
    {
        var block = new List<byte>();
        foreach (var (type, data) in extensions)
        {
            AddUInt16(block, type);
            AddUInt16(block, (ushort)data.Length);
            block.AddRange(data);
        }
        AddUInt16(body, (ushort)block.Count);
        body.AddRange(block);
    }

    private static void AddUInt16(List<byte> output, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        output.AddRange(bytes.ToArray());
    }

    private static void AddUInt24(List<byte> output, int value)
    {
        output.Add((byte)(value >> 16));
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }
}
