using System.Buffers.Binary;
using System.Text.Unicode;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Renders an X.501 Name the way Suricata's tls.cert_subject / tls.cert_issuer show it.</summary>
/// <remarks>
/// Suricata prints names with x509-parser: RDNs in DER order joined by ", ", attributes of a
/// multi-valued RDN joined by " + ", each as "SHORT=value". Short names are CN, C, L, ST, O, OU, DC,
/// Email, then the oid-registry names (serialNumber, givenName, ...), else "OID(1.2.3)". String
/// types are copied as their UTF-8 bytes, BMPString is transcoded from UTF-16BE, and any other
/// type (or a string that is not valid UTF-8) is written as upper-case hex of its content.
/// </remarks>
internal static class DistinguishedNameFormatter
{
    public static bool TryFormat(ReadOnlySpan<byte> name, ref AsciiWriter writer)
    {
        var rdns = new DerReader(name);
        var firstRdn = true;
        while (!rdns.IsEmpty)
        {
            if (!rdns.TryRead(DerReader.TagSet, out var rdn))
                return false;
            if (!firstRdn)
                writer.Write(", "u8);
            firstRdn = false;
            var attributes = new DerReader(rdn);
            var firstAttribute = true;
            while (!attributes.IsEmpty)
            {
                if (!attributes.TryRead(DerReader.TagSequence, out var attribute))
                    return false;
                var fields = new DerReader(attribute);
                if (!fields.TryRead(DerReader.TagOid, out var oid) || oid.IsEmpty
                    || !fields.TryRead(out var valueTag, out var value, out _))
                    return false;
                if (!firstAttribute)
                    writer.Write(" + "u8);
                firstAttribute = false;
                if (!TryWriteAttributeName(oid, ref writer))
                    return false;
                writer.Write((byte)'=');
                WriteValue(valueTag, value, ref writer);
            }
        }
        return true;
    }

    private static bool TryWriteAttributeName(ReadOnlySpan<byte> oid, ref AsciiWriter writer)
    {
        var known = X509AttributeNames.Find(oid);
        if (!known.IsEmpty)
        {
            writer.Write(known);
            return true;
        }
        writer.Write("OID("u8);
        var ok = TryWriteDottedOid(oid, ref writer);
        writer.Write((byte)')');
        return ok;
    }

    // X.690 §8.19: base-128 arcs, the first octet group encoding 40 * X + Y.
    private static bool TryWriteDottedOid(ReadOnlySpan<byte> oid, ref AsciiWriter writer)
    {
        var first = true;
        ulong arc = 0;
        var arcBytes = 0;
        foreach (var b in oid)
        {
            if (arcBytes == 0 && b == 0x80)
                return false;
            if (++arcBytes > 9)
                return false;
            arc = (arc << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) != 0)
                continue;
            if (first)
            {
                var top = arc < 80 ? arc / 40 : 2;
                writer.WriteDecimal(top);
                writer.Write((byte)'.');
                writer.WriteDecimal(arc - (top * 40));
                first = false;
            }
            else
            {
                writer.Write((byte)'.');
                writer.WriteDecimal(arc);
            }
            arc = 0;
            arcBytes = 0;
        }
        return arcBytes == 0;
    }

    private static void WriteValue(byte tag, ReadOnlySpan<byte> value, ref AsciiWriter writer)
    {
        switch (tag)
        {
            // UTF8String, NumericString, PrintableString, T61String, VideotexString, IA5String,
            // GraphicString, VisibleString, GeneralString, ObjectDescriptor.
            case 0x0C or 0x12 or 0x13 or 0x14 or 0x15 or 0x16 or 0x19 or 0x1A or 0x1B or 0x07
                when Utf8.IsValid(value):
                writer.Write(value);
                break;
            case 0x1E when (value.Length & 1) == 0:
                WriteBmpString(value, ref writer);
                break;
            default:
                writer.WriteHex(value, upper: true);
                break;
        }
    }

    // BMPString is UTF-16BE (X.680 §41); lone surrogates become U+FFFD.
    private static void WriteBmpString(ReadOnlySpan<byte> value, ref AsciiWriter writer)
    {
        Span<byte> encoded = stackalloc byte[4];
        for (var i = 0; i < value.Length; i += 2)
        {
            int unit = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
            var codePoint = unit;
            if (unit is >= 0xD800 and <= 0xDBFF && i + 3 < value.Length)
            {
                int low = BinaryPrimitives.ReadUInt16BigEndian(value[(i + 2)..]);
                if (low is >= 0xDC00 and <= 0xDFFF)
                {
                    codePoint = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    i += 2;
                }
            }
            if (codePoint is >= 0xD800 and <= 0xDFFF)
                codePoint = 0xFFFD;
            var rune = new System.Text.Rune(codePoint);
            var length = rune.EncodeToUtf8(encoded);
            writer.Write(encoded[..length]);
        }
    }
}
