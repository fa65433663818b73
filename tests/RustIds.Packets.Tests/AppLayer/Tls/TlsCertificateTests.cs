using System.Globalization;
using RustIds.Packets.AppLayer.Common.Tests;

namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class TlsCertificateTests : IDisposable
{
    private const string OpenSsl = "/usr/bin/openssl";

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-tls-").FullName;
    private readonly TlsCounters _counters = new();
    private readonly RecordingObserver _observer = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableTheory]
    [InlineData("/C=US/O=Let's Encrypt/CN=R3", "/C=US/ST=Some-State/L=Springfield/O=Example Org/OU=Unit A+CN=multi/CN=www.example.com", "0x80ABCDEF0123456789", 30)]
    [InlineData("/DC=org/DC=example/CN=Example CA", "/CN=\u00dcn\u00efc\u00f6de \u6f22\u5b57/O=Caf\u00e9", "0x01", 36500)]
    [InlineData("/CN=Root", "/C=DE/CN=leaf", "0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 1)]
    public void Parse_OpenSslCertificate_MatchesOpenSslFields(string issuerSubject, string leafSubject, string serial, int days)
    {
        Skip.IfNot(ExternalTool.Exists(OpenSsl), "openssl is not installed");
        var ca = Path.Combine(_directory, "ca");
        var leaf = Path.Combine(_directory, "leaf");
        ExternalTool.Run(OpenSsl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", ca + ".key", "-out", ca + ".pem", "-subj", issuerSubject, "-days", "3650", "-utf8", "-multivalue-rdn");
        ExternalTool.Run(OpenSsl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", leaf + ".key", "-out", leaf + ".csr", "-subj", leafSubject, "-utf8", "-multivalue-rdn");
        File.WriteAllText(leaf + ".ext", "subjectAltName=DNS:leaf.example\nbasicConstraints=CA:FALSE\n");
        ExternalTool.Run(OpenSsl, "x509", "-req", "-in", leaf + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
            "-extfile", leaf + ".ext", "-set_serial", serial, "-days", days.ToString(CultureInfo.InvariantCulture), "-out", leaf + ".pem");
        ExternalTool.Run(OpenSsl, "x509", "-in", leaf + ".pem", "-outform", "DER", "-out", leaf + ".der");
        ExternalTool.Run(OpenSsl, "x509", "-in", ca + ".pem", "-outform", "DER", "-out", ca + ".der");
        var expected = ReadOpenSslFields(leaf + ".pem");
        var message = TlsBytes.Handshake(11, TlsBytes.CertificateBody(File.ReadAllBytes(leaf + ".der"), File.ReadAllBytes(ca + ".der")));
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        // Split over small records, as a server flight often is.
        parser.Parse(FlowDirection.ToClient, TlsBytes.Records(22, message, maxFragment: 333, version: 0x0303), _observer);

        var certificate = Assert.Single(_observer.Certificates);
        Assert.Equal(expected["subject"], certificate.Subject);
        Assert.Equal(expected["issuer"], certificate.Issuer);
        Assert.Equal(expected["serial"], StripSerial(certificate.Serial));
        Assert.Matches("^([0-9A-F]{2}:)*[0-9A-F]{2}$", certificate.Serial);
        Assert.Equal(expected["sha1 Fingerprint"], certificate.Fingerprint, ignoreCase: true);
        Assert.Equal(ParseIso(expected["notBefore"]), certificate.NotBefore);
        Assert.Equal(ParseIso(expected["notAfter"]), certificate.NotAfter);
        Assert.Equal(3, certificate.Version);
        Assert.Equal(2, certificate.ChainLength);
        Assert.Equal(1, _counters.Certificates);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_SerialWithHighBit_KeepsLeadingZeroLikeSuricata()
    {
        var der = X509Samples.Certificate(serial: [0x00, 0x80, 0x01], issuer: X509Samples.Name(("2.5.4.3", 0x0C, "R3"u8.ToArray())));
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, X509Samples.ServerCertificateRecords(der), _observer);

        var certificate = Assert.Single(_observer.Certificates);
        Assert.Equal("00:80:01", certificate.Serial);
        Assert.Equal("CN=R3", certificate.Issuer);
        Assert.Equal(1, certificate.Version);
    }

    [Fact]
    public void Parse_UnusualAttributes_RenderedLikeX509Parser()
    {
        var subject = X509Samples.Name(
            ("0.9.2342.19200300.100.1.25", 0x16, "com"u8.ToArray()),
            ("1.2.840.113549.1.9.1", 0x16, "a@b.c"u8.ToArray()),
            ("2.5.4.5", 0x13, "1234"u8.ToArray()),
            ("1.3.6.1.4.1.311.60.2.1.3", 0x13, "US"u8.ToArray()),
            ("1.2.3.4.99999", 0x0C, "x"u8.ToArray()),
            ("2.5.4.3", 0x1E, [0x00, 0x52, 0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00]),
            ("2.5.4.10", 0x04, [0xDE, 0xAD]));
        var der = X509Samples.Certificate(subject: subject);
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, X509Samples.ServerCertificateRecords(der), _observer);

        Assert.Equal(
            "DC=com, Email=a@b.c, serialNumber=1234, msJurisdictionCountry=US, OID(1.2.3.4.99999)=x, CN=R\u00e9\U0001F600, O=DEAD",
            Assert.Single(_observer.Certificates).Subject);
    }

    [Fact]
    public void Parse_LongSubject_TruncatedAndCounted()
    {
        var options = TlsParserOptions.Default with { MaxDistinguishedNameBytes = 64 };
        var subject = X509Samples.Name(("2.5.4.3", 0x0C, Enumerable.Repeat((byte)'a', 200).ToArray()));
        var parser = new TlsParser(options, _counters);

        parser.Parse(FlowDirection.ToClient, X509Samples.ServerCertificateRecords(X509Samples.Certificate(subject: subject)), _observer);

        Assert.Equal(64, Assert.Single(_observer.Certificates).Subject.Length);
        Assert.Equal(1, _counters.TruncatedCertificateFields);
    }

    [Fact]
    public void Parse_CertificateFromClient_NotReported()
    {
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToServer, X509Samples.ServerCertificateRecords(X509Samples.Certificate()), _observer);

        Assert.Empty(_observer.Certificates);
        Assert.Equal(1, _counters.HandshakeMessages);
    }

    [Fact]
    public void Parse_EmptyCertificateList_NoReportNoError()
    {
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, TlsBytes.Records(22, TlsBytes.Handshake(11, [0, 0, 0])), _observer);

        Assert.Empty(_observer.Certificates);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_OversizedChainWithSmallLeaf_LeafStillParsed()
    {
        var options = TlsParserOptions.Default with { MaxHandshakeMessageBytes = 2048 };
        var parser = new TlsParser(options, _counters);
        var body = TlsBytes.CertificateBody(X509Samples.Certificate(), new byte[5000]);

        parser.Parse(FlowDirection.ToClient, TlsBytes.Records(22, TlsBytes.Handshake(11, body)), _observer);

        Assert.Equal(1, Assert.Single(_observer.Certificates).ChainLength);
        Assert.Equal(1, _counters.OversizedMessages);
    }

    [Theory]
    [InlineData("UTC", "491231235959Z", "2049-12-31T23:59:59")]
    [InlineData("UTC", "500101000000Z", "1950-01-01T00:00:00")]
    [InlineData("GEN", "20500101000000Z", "2050-01-01T00:00:00")]
    [InlineData("GEN", "20240229120000.123Z", "2024-02-29T12:00:00")]
    [InlineData("UTC", "230229000000Z", null)]
    [InlineData("UTC", "2301010000Z", null)]
    [InlineData("UTC", "230101000060Z", null)]
    [InlineData("GEN", "20240101000000+0100", null)]
    [InlineData("GEN", "2024010100000.Z", null)]
    public void Parse_ValidityTimeForms_ParsedOrRejected(string kind, string text, string? expected)
    {
        var notAfter = X509Samples.Tlv(kind == "UTC" ? (byte)0x17 : (byte)0x18, System.Text.Encoding.ASCII.GetBytes(text));
        var parser = new TlsParser(TlsParserOptions.Default, _counters);

        parser.Parse(FlowDirection.ToClient, X509Samples.ServerCertificateRecords(X509Samples.Certificate(notAfter: notAfter)), _observer);

        if (expected is null)
        {
            Assert.Empty(_observer.Certificates);
            Assert.Equal(1, _counters.MalformedCertificates);
            return;
        }
        var certificate = Assert.Single(_observer.Certificates);
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), certificate.NotAfter);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), certificate.NotBefore);
    }

    private static Dictionary<string, string> ReadOpenSslFields(string pem)
    {
        var output = ExternalTool.Run(OpenSsl, "x509", "-in", pem, "-noout", "-subject", "-issuer", "-serial", "-dates",
            "-fingerprint", "-sha1", "-dateopt", "iso_8601", "-nameopt", "sep_comma_plus_space,utf8");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    // openssl prints the INTEGER's value; Suricata prints its DER octets (with a 00 pad before a high bit).
    private static string StripSerial(string serial)
    {
        var hex = serial.Replace(":", "", StringComparison.Ordinal);
        return hex.Length > 2 && hex.StartsWith("00", StringComparison.Ordinal) ? hex[2..] : hex;
    }

    private static DateTime ParseIso(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
