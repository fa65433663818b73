using System.Globalization;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Hand-built DER certificates (RFC 5280 §4.1) for structural tests; signatures are dummies.</summary>
internal static class X509Samples
{
    public static byte[] Certificate(byte[]? serial = null, byte[]? issuer = null, byte[]? subject = null, int? version = null, byte[]? notAfter = null)
    {
        var signatureAlgorithm = Tlv(0x30, Oid("1.2.840.10045.4.3.2"));
        var tbs = new List<byte>();
        if (version is not null)
            tbs.AddRange(Tlv(0xA0, Tlv(0x02, [(byte)version.Value])));
        tbs.AddRange(Tlv(0x02, serial ?? [0x01, 0x02, 0x03]));
        tbs.AddRange(signatureAlgorithm);
        tbs.AddRange(issuer ?? Name(("2.5.4.6", 0x13, "US"u8.ToArray()), ("2.5.4.3", 0x0C, "Test CA"u8.ToArray())));
        tbs.AddRange(Tlv(0x30, [.. Tlv(0x17, "240101000000Z"u8.ToArray()), .. notAfter ?? Tlv(0x18, "20991231235959Z"u8.ToArray())]));
        tbs.AddRange(subject ?? Name(("2.5.4.3", 0x0C, "leaf.example"u8.ToArray())));
        var publicKey = Tlv(0x30, [.. Tlv(0x30, [.. Oid("1.2.840.10045.2.1"), .. Oid("1.2.840.10045.3.1.7")]), .. Tlv(0x03, new byte[66])]);
        tbs.AddRange(publicKey);
        return Tlv(0x30, [.. Tlv(0x30, [.. tbs]), .. signatureAlgorithm, .. Tlv(0x03, new byte[72])]);
    }

    /// <summary>A Name with one attribute per RDN: (dotted OID, string tag, value octets).</summary>
    public static byte[] Name(params (string Oid, byte Tag, byte[] Value)[] attributes)
    {
        var rdns = new List<byte>();
        foreach (var (oid, tag, value) in attributes)
            rdns.AddRange(Tlv(0x31, Tlv(0x30, [.. Oid(oid), .. Tlv(tag, value)])));
        return Tlv(0x30, [.. rdns]);
    }

    public static byte[] ServerCertificateRecords(params byte[][] certificates) =>
        TlsBytes.Records(22, TlsBytes.Handshake(11, TlsBytes.CertificateBody(certificates)), version: 0x0303);

    public static byte[] Tlv(byte tag, byte[] content)
    {
        var output = new List<byte> { tag };
        if (content.Length < 0x80)
        {
            output.Add((byte)content.Length);
        }
        else
        {
            var lengthBytes = new List<byte>();
            for (var length = content.Length; length > 0; length >>= 8)
                lengthBytes.Insert(0, (byte)length);
            output.Add((byte)(0x80 | lengthBytes.Count));
            output.AddRange(lengthBytes);
        }
        output.AddRange(content);
        return [.. output];
    }

    private static byte[] Oid(string dotted)
    {
        var arcs = dotted.Split('.').Select(a => ulong.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var content = new List<byte>();
        Base128(content, (arcs[0] * 40) + arcs[1]);
        foreach (var arc in arcs.Skip(2))
            Base128(content, arc);
        return Tlv(0x06, [.. content]);
    }

    private static void Base128(List<byte> output, ulong value)
    {
        var groups = new List<byte> { (byte)(value & 0x7F) };
        for (value >>= 7; value > 0; value >>= 7)
            groups.Insert(0, (byte)(0x80 | (value & 0x7F)));
        output.AddRange(groups);
    }
}
