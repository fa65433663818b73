namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>An observer that allocates nothing: it counts calls and folds every exposed byte into a checksum.</summary>
internal sealed class CountingObserver : ITlsObserver
{
    public int ClientHellos { get; private set; }

    public int ServerHellos { get; private set; }

    public int Certificates { get; private set; }

    public long Checksum { get; private set; }

    public void OnClientHello(TlsClientHello hello)
    {
        ClientHellos++;
        Fold(hello.Ja3);
        Fold(hello.Ja3Hash);
        Fold(hello.Ja4);
        Fold(hello.Ja4Raw);
        Fold(hello.ServerName);
        Fold(hello.AlpnList);
        for (var i = 0; i < hello.AlpnCount; i++)
            Fold(hello.GetAlpn(i));
        Checksum += hello.CipherSuites.Length + hello.Extensions.Length + hello.SupportedGroups.Length + hello.Version;
    }

    public void OnServerHello(TlsServerHello hello)
    {
        ServerHellos++;
        Fold(hello.Ja3s);
        Fold(hello.Ja3sHash);
        Fold(hello.Alpn);
        Checksum += hello.CipherSuite + hello.Version;
    }

    public void OnCertificate(TlsCertificateInfo certificate)
    {
        Certificates++;
        Fold(certificate.Subject);
        Fold(certificate.Issuer);
        Fold(certificate.Serial);
        Fold(certificate.Fingerprint);
        Checksum += certificate.NotBeforeTicks ^ certificate.NotAfterTicks;
    }

    private void Fold(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            Checksum = (Checksum * 31) + b;
    }
}
