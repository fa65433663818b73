using System.Text;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Copies what the parser reports into strings and arrays for assertions.</summary>
internal sealed class RecordingObserver : ITlsObserver
{
    public List<ClientHelloRecord> ClientHellos { get; } = [];

    public List<ServerHelloRecord> ServerHellos { get; } = [];

    public List<CertificateRecord> Certificates { get; } = [];

    public void OnClientHello(TlsClientHello hello) => ClientHellos.Add(new ClientHelloRecord(
        hello.LegacyVersion,
        hello.Version,
        hello.RecordVersion,
        hello.SessionIdLength,
        hello.CipherSuites.ToArray(),
        hello.Extensions.ToArray(),
        hello.SupportedGroups.ToArray(),
        hello.EcPointFormats.ToArray(),
        hello.SignatureAlgorithms.ToArray(),
        hello.SupportedVersions.ToArray(),
        hello.HasServerName ? Encoding.ASCII.GetString(hello.ServerName) : null,
        Enumerable.Range(0, hello.AlpnCount).Select(i => Encoding.ASCII.GetString(hello.GetAlpn(i))).ToArray(),
        hello.Truncated,
        Encoding.ASCII.GetString(hello.Ja3),
        Encoding.ASCII.GetString(hello.Ja3Hash),
        Encoding.ASCII.GetString(hello.Ja4),
        Encoding.ASCII.GetString(hello.Ja4Raw)));

    public void OnServerHello(TlsServerHello hello) => ServerHellos.Add(new ServerHelloRecord(
        hello.LegacyVersion,
        hello.Version,
        hello.CipherSuite,
        hello.Extensions.ToArray(),
        Encoding.ASCII.GetString(hello.Alpn),
        hello.IsHelloRetryRequest,
        Encoding.ASCII.GetString(hello.Ja3s),
        Encoding.ASCII.GetString(hello.Ja3sHash)));

    public void OnCertificate(TlsCertificateInfo certificate) => Certificates.Add(new CertificateRecord(
        Encoding.UTF8.GetString(certificate.Subject),
        Encoding.UTF8.GetString(certificate.Issuer),
        Encoding.ASCII.GetString(certificate.Serial),
        Encoding.ASCII.GetString(certificate.Fingerprint),
        new DateTime(certificate.NotBeforeTicks, DateTimeKind.Utc),
        new DateTime(certificate.NotAfterTicks, DateTimeKind.Utc),
        certificate.X509Version,
        certificate.ChainLength,
        certificate.DerLength));
}

internal sealed record ClientHelloRecord(
    ushort LegacyVersion,
    ushort Version,
    ushort RecordVersion,
    int SessionIdLength,
    ushort[] Ciphers,
    ushort[] Extensions,
    ushort[] Groups,
    byte[] PointFormats,
    ushort[] SignatureAlgorithms,
    ushort[] SupportedVersions,
    string? ServerName,
    string[] Alpn,
    bool Truncated,
    string Ja3,
    string Ja3Hash,
    string Ja4,
    string Ja4Raw);

internal sealed record ServerHelloRecord(
    ushort LegacyVersion,
    ushort Version,
    ushort Cipher,
    ushort[] Extensions,
    string Alpn,
    bool IsHelloRetryRequest,
    string Ja3s,
    string Ja3sHash);

internal sealed record CertificateRecord(
    string Subject,
    string Issuer,
    string Serial,
    string Fingerprint,
    DateTime NotBefore,
    DateTime NotAfter,
    int Version,
    int ChainLength,
    int DerLength);
