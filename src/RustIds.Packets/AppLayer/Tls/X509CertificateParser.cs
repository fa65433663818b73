using System.Security.Cryptography;

namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Extracts version, serial, issuer, validity and subject from a DER certificate (RFC 5280 §4.1).</summary>
/// <remarks>
/// A minimal reader for the fields rules and EVE use; it does not validate signatures or decode
/// extensions. Depth is fixed by the schema: Certificate → TBSCertificate → Name → RDN → attribute.
/// Returns false on any structural error and never throws.
/// </remarks>
internal static class X509CertificateParser
{
    public static bool TryParse(ReadOnlySpan<byte> der, TlsCertificateInfo info)
    {
        info.Clear();
        var outer = new DerReader(der);
        if (!outer.TryRead(out var tag, out var certificate, out var encoded) || tag != DerReader.TagSequence)
            return false;
        info.DerLength = encoded.Length;
        WriteFingerprint(encoded, info.FingerprintBuffer);

        var certificateReader = new DerReader(certificate);
        if (!certificateReader.TryRead(DerReader.TagSequence, out var tbs))
            return false;
        var reader = new DerReader(tbs);

        info.X509Version = 1;
        if (reader.PeekTag() == DerReader.TagContext0)
        {
            if (!reader.TryRead(DerReader.TagContext0, out var explicitVersion))
                return false;
            var versionReader = new DerReader(explicitVersion);
            if (!versionReader.TryRead(DerReader.TagInteger, out var version) || version.Length != 1 || version[0] > 2)
                return false;
            info.X509Version = version[0] + 1;
        }

        if (!reader.TryRead(DerReader.TagInteger, out var serial) || serial.IsEmpty)
            return false;
        WriteSerial(serial, info);

        if (!reader.TryRead(DerReader.TagSequence, out _))
            return false;

        if (!reader.TryRead(DerReader.TagSequence, out var issuer))
            return false;
        var issuerWriter = new AsciiWriter(info.IssuerBuffer);
        if (!DistinguishedNameFormatter.TryFormat(issuer, ref issuerWriter))
            return false;
        info.IssuerLength = issuerWriter.Length;

        if (!reader.TryRead(DerReader.TagSequence, out var validity))
            return false;
        var validityReader = new DerReader(validity);
        if (!TryReadTime(ref validityReader, out var notBefore) || !TryReadTime(ref validityReader, out var notAfter))
            return false;
        info.NotBeforeTicks = notBefore;
        info.NotAfterTicks = notAfter;

        if (!reader.TryRead(DerReader.TagSequence, out var subject))
            return false;
        var subjectWriter = new AsciiWriter(info.SubjectBuffer);
        if (!DistinguishedNameFormatter.TryFormat(subject, ref subjectWriter))
            return false;
        info.SubjectLength = subjectWriter.Length;

        info.Truncated |= issuerWriter.Overflowed || subjectWriter.Overflowed;
        return true;
    }

    private static void WriteSerial(ReadOnlySpan<byte> serial, TlsCertificateInfo info)
    {
        var writer = new AsciiWriter(info.SerialBuffer);
        var maxOctets = info.SerialBuffer.Length / 3;
        for (var i = 0; i < serial.Length; i++)
        {
            if (i == maxOctets)
            {
                info.Truncated = true;
                break;
            }
            if (i > 0)
                writer.Write((byte)':');
            writer.WriteHexByte(serial[i], upper: true);
        }
        info.SerialLength = writer.Length;
    }

    // Suricata's tls.cert_fingerprint: SHA-1 of the DER, lower-case hex pairs joined by ':'.
#pragma warning disable CA5350 // SHA-1 is the fingerprint format rules match, not a security decision.
    private static void WriteFingerprint(ReadOnlySpan<byte> der, Span<byte> destination)
    {
        Span<byte> digest = stackalloc byte[20];
        SHA1.HashData(der, digest);
        var writer = new AsciiWriter(destination);
        for (var i = 0; i < digest.Length; i++)
        {
            if (i > 0)
                writer.Write((byte)':');
            writer.WriteHexByte(digest[i], upper: false);
        }
    }
#pragma warning restore CA5350

    private static bool TryReadTime(ref DerReader reader, out long ticks)
    {
        ticks = 0;
        if (!reader.TryRead(out var tag, out var content, out _))
            return false;
        return tag switch
        {
            DerReader.TagUtcTime => Asn1Time.TryParseUtcTime(content, out ticks),
            DerReader.TagGeneralizedTime => Asn1Time.TryParseGeneralizedTime(content, out ticks),
            _ => false,
        };
    }
}
