namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class TlsParserServerHelloTests
{
    private static readonly byte[] HelloRetryRequestRandom = Convert.FromHexString(
        "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private readonly TlsCounters _counters = new();
    private readonly RecordingObserver _observer = new();
    private readonly TlsParser _parser;

    public TlsParserServerHelloTests() => _parser = new TlsParser(TlsParserOptions.Default, _counters);

    private static byte[] ServerRecords(byte[] body) => TlsBytes.Records(22, TlsBytes.Handshake(2, body), version: 0x0303);

    [Fact]
    public void Parse_Tls12ServerHello_Ja3sAndFields()
    {
        // TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, renegotiation_info, ALPN h2, ec_point_formats.
        var body = TlsBytes.ServerHelloBody(0x0303, 0xc02f, [TlsBytes.Opaque(0xff01, 1), TlsBytes.Alpn("h2"), TlsBytes.PointFormats(0)]);

        _parser.Parse(FlowDirection.ToClient, ServerRecords(body), _observer);

        var hello = Assert.Single(_observer.ServerHellos);
        Assert.Equal("771,49199,65281-16-11", hello.Ja3s);
        Assert.Equal(Md5Hex("771,49199,65281-16-11"), hello.Ja3sHash);
        Assert.Equal(0x0303, hello.Version);
        Assert.Equal("h2", hello.Alpn);
        Assert.False(hello.IsHelloRetryRequest);
        Assert.False(_parser.IsStopped(FlowDirection.ToClient));
        Assert.Equal(1, _counters.ServerHellos);
    }

    [Fact]
    public void Parse_Tls13ServerHello_VersionFromExtensionAndDirectionStops()
    {
        var body = TlsBytes.ServerHelloBody(0x0303, 0x1301, [TlsBytes.ServerSupportedVersion(0x0304), TlsBytes.Opaque(0x0033, 36)]);
        var encryptedExtensions = TlsBytes.Records(23, new byte[40], version: 0x0303);

        _parser.Parse(FlowDirection.ToClient, TlsBytes.Concat(ServerRecords(body), encryptedExtensions), _observer);

        var hello = Assert.Single(_observer.ServerHellos);
        Assert.Equal(0x0304, hello.Version);
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal("771,4865,43-51", hello.Ja3s);
        Assert.True(_parser.IsStopped(FlowDirection.ToClient));
        Assert.Equal(1, _counters.EncryptedStops);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_HelloRetryRequest_DirectionKeepsParsing()
    {
        var retry = TlsBytes.ServerHelloBody(0x0303, 0x1301, [TlsBytes.ServerSupportedVersion(0x0304)], HelloRetryRequestRandom);
        var real = TlsBytes.ServerHelloBody(0x0303, 0x1301, [TlsBytes.ServerSupportedVersion(0x0304)]);

        _parser.Parse(FlowDirection.ToClient, TlsBytes.Concat(ServerRecords(retry), ServerRecords(real)), _observer);

        Assert.Equal([true, false], _observer.ServerHellos.Select(h => h.IsHelloRetryRequest));
        Assert.True(_parser.IsStopped(FlowDirection.ToClient));
    }

    [Fact]
    public void Parse_ChangeCipherSpec_StopsDirectionAndIgnoresRest()
    {
        var ccs = TlsBytes.Records(20, [1], version: 0x0303);
        var laterHello = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());

        _parser.Parse(FlowDirection.ToServer, TlsBytes.Concat(ccs, laterHello), _observer);

        Assert.Empty(_observer.ClientHellos);
        Assert.True(_parser.IsStopped(FlowDirection.ToServer));
        Assert.False(_parser.IsFinished);
        Assert.Equal(1, _counters.EncryptedStops);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_BothDirectionsEncrypted_IsFinished()
    {
        _parser.Parse(FlowDirection.ToServer, TlsBytes.Records(20, [1]), _observer);
        _parser.Parse(FlowDirection.ToClient, TlsBytes.Records(23, [1, 2, 3]), _observer);

        Assert.True(_parser.IsFinished);
        _parser.Reset();
        Assert.False(_parser.IsFinished);
    }

    [Fact]
    public void OnGap_MidHello_StopsDirectionAndCounts()
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());
        _parser.Parse(FlowDirection.ToServer, stream.AsSpan(0, 100), _observer);

        _parser.OnGap(FlowDirection.ToServer);
        _parser.Parse(FlowDirection.ToServer, stream.AsSpan(150), _observer);

        Assert.Empty(_observer.ClientHellos);
        Assert.True(_parser.IsStopped(FlowDirection.ToServer));
        Assert.Equal(1, _counters.Gaps);
    }

    [Fact]
    public void Parse_AlertAndServerHelloDoneInterleaved_StillParsesLaterMessages()
    {
        var alert = TlsBytes.Records(21, [1, 0], version: 0x0303);
        var serverHello = TlsBytes.ServerHelloBody(0x0303, 0x009c, null);
        // ServerHello and ServerHelloDone (type 14, empty) in one record.
        var flight = TlsBytes.Records(22, TlsBytes.Concat(TlsBytes.Handshake(2, serverHello), TlsBytes.Handshake(14, [])), version: 0x0303);

        _parser.Parse(FlowDirection.ToClient, TlsBytes.Concat(alert, flight), _observer);

        Assert.Equal("771,156,", Assert.Single(_observer.ServerHellos).Ja3s);
        Assert.Equal(2, _counters.HandshakeMessages);
    }

    [Theory]
    [InlineData(new byte[] { 0x17, 0x03, 0x03, 0x00, 0x10 }, "encrypted")]
    [InlineData(new byte[] { 0x19, 0x03, 0x03, 0x00, 0x10 }, "invalid")]
    [InlineData(new byte[] { 0x16, 0x04, 0x03, 0x00, 0x10 }, "invalid")]
    [InlineData(new byte[] { 0x16, 0x03, 0x03, 0xFF, 0xFF }, "oversized")]
    [InlineData(new byte[] { 0x80, 0x2E, 0x01, 0x00, 0x02 }, "sslv2")]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2F }, "invalid")]
    public void Parse_BadFirstRecord_StopsWithReason(byte[] header, string reason)
    {
        _parser.Parse(FlowDirection.ToServer, header, _observer);

        Assert.True(_parser.IsStopped(FlowDirection.ToServer));
        var counted = reason switch
        {
            "encrypted" => _counters.EncryptedStops,
            "invalid" => _counters.InvalidRecords,
            "oversized" => _counters.OversizedRecords,
            _ => _counters.Sslv2Records,
        };
        Assert.Equal(1, counted);
    }

    [Fact]
    public void Parse_UnknownDirection_IgnoredAndCounted()
    {
        _parser.Parse(FlowDirection.Unknown, TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody()), _observer);

        Assert.Empty(_observer.ClientHellos);
        Assert.Equal(1, _counters.UnknownDirection);
    }

    private static string Md5Hex(string text) =>
#pragma warning disable CA5351 // JA3S is defined over MD5.
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(text)));
#pragma warning restore CA5351
}
