namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class TlsParserClientHelloTests
{
    private readonly TlsCounters _counters = new();
    private readonly RecordingObserver _observer = new();
    private readonly TlsParser _parser;

    public TlsParserClientHelloTests() => _parser = new TlsParser(TlsParserOptions.Default, _counters);

    [Fact]
    public void Parse_ChromeHelloInOneSegment_MatchesPublishedJa3AndJa4()
    {
        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody()), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal(TlsSamples.ChromeJa3, hello.Ja3);
        Assert.Equal(TlsSamples.ChromeJa3Hash, hello.Ja3Hash);
        Assert.Equal(TlsSamples.ChromeJa4, hello.Ja4);
        Assert.Equal(TlsSamples.ChromeJa4Raw, hello.Ja4Raw);
        Assert.Equal("tls.browserleaks.com", hello.ServerName);
        Assert.Equal(["h2", "http/1.1"], hello.Alpn);
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(0x0304, hello.Version);
        Assert.Equal(0x0301, hello.RecordVersion);
        Assert.Equal(32, hello.SessionIdLength);
        Assert.Equal(1, _counters.ClientHellos);
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_Ja4SpecExample_MatchesSpecFingerprint()
    {
        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.Ja4SpecClientHelloBody()), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal(TlsSamples.Ja4SpecJa4, hello.Ja4);
        Assert.Equal(TlsSamples.Ja4SpecJa4Raw, hello.Ja4Raw);
    }

    [Fact]
    public void Parse_Ja3ReadmeExample_MatchesReadmeHash()
    {
        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.Ja3ReadmeClientHelloBody()), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0", hello.Ja3);
        Assert.Equal("ada70206e40642a3e4461f35503241d5", hello.Ja3Hash);
        // TLS 1.0, SNI, 12 ciphers, 3 extensions, no ALPN.
        Assert.StartsWith("t10d120300_", hello.Ja4, StringComparison.Ordinal);
        Assert.Equal(0, hello.SessionIdLength);
    }

    [Fact]
    public void Parse_SplitAtEveryByte_SameResultAsOneSegment()
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());
        for (var split = 1; split < stream.Length; split++)
        {
            _parser.Reset();
            _parser.Parse(FlowDirection.ToServer, stream.AsSpan(0, split), _observer);
            _parser.Parse(FlowDirection.ToServer, stream.AsSpan(split), _observer);
        }

        Assert.Equal(stream.Length - 1, _observer.ClientHellos.Count);
        Assert.All(_observer.ClientHellos, hello =>
        {
            Assert.Equal(TlsSamples.ChromeJa3Hash, hello.Ja3Hash);
            Assert.Equal(TlsSamples.ChromeJa4, hello.Ja4);
            Assert.Equal("tls.browserleaks.com", hello.ServerName);
        });
        Assert.Equal(0, _counters.Errors);
    }

    [Fact]
    public void Parse_OneByteAtATime_ParsesHello()
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());
        for (var i = 0; i < stream.Length; i++)
            _parser.Parse(FlowDirection.ToServer, stream.AsSpan(i, 1), _observer);

        Assert.Equal(TlsSamples.ChromeJa4, Assert.Single(_observer.ClientHellos).Ja4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(257)]
    public void Parse_HelloSplitOverRecords_ParsesHello(int maxFragment)
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody(), maxFragment);

        _parser.Parse(FlowDirection.ToServer, stream, _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal(TlsSamples.ChromeJa3, hello.Ja3);
        Assert.Equal(TlsSamples.ChromeJa4Raw, hello.Ja4Raw);
    }

    [Fact]
    public void Parse_HelloSplitOverRecordsAndSegments_ParsesHello()
    {
        var stream = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody(), maxFragment: 200);
        for (var offset = 0; offset < stream.Length; offset += 7)
            _parser.Parse(FlowDirection.ToServer, stream.AsSpan(offset, Math.Min(7, stream.Length - offset)), _observer);

        Assert.Equal(TlsSamples.ChromeJa4, Assert.Single(_observer.ClientHellos).Ja4);
    }

    [Fact]
    public void Parse_GreaseEverywhere_RemovedFromFingerprintsButKeptInLists()
    {
        var body = TlsBytes.ClientHelloBody(
            0x0303,
            [0x0a0a, 0x1301, 0xfafa, 0xc02f],
            [
                TlsBytes.Opaque(0x1a1a),
                TlsBytes.Groups(0x2a2a, 29, 0x3a3a, 23),
                TlsBytes.PointFormats(0, 1),
                TlsBytes.SignatureAlgorithms(0x4a4a, 0x0403),
                TlsBytes.SupportedVersions(0x5a5a, 0x0304),
                TlsBytes.Opaque(0xeaea, 1),
            ]);

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal("771,4865-49199,10-11-13-43,29-23,0-1", hello.Ja3);
        Assert.Equal([0x0a0a, 0x1301, 0xfafa, 0xc02f], hello.Ciphers);
        Assert.Equal([0x1a1a, 0x000a, 0x000b, 0x000d, 0x002b, 0xeaea], hello.Extensions);
        // No SNI, 2 real ciphers, 4 real extensions, no ALPN.
        Assert.StartsWith("t13i020400_", hello.Ja4, StringComparison.Ordinal);
        Assert.Equal("t13i020400_1301,c02f_000a,000b,000d,002b_0403", hello.Ja4Raw);
    }

    [Theory]
    [InlineData(new ushort[] { 0x0304, 0x0303 }, 0x0304, "13")]
    [InlineData(new ushort[] { 0x0303, 0x0302, 0x0301 }, 0x0303, "12")]
    [InlineData(new ushort[] { 0x9a9a }, 0x0303, "12")]
    [InlineData(new ushort[] { 0x0300 }, 0x0300, "s3")]
    [InlineData(new ushort[] { 0x1234 }, 0x1234, "00")]
    public void Parse_SupportedVersions_HighestRealVersionWins(ushort[] versions, ushort expected, string ja4Version)
    {
        var body = TlsBytes.ClientHelloBody(0x0303, [0x1301], [TlsBytes.SupportedVersions(versions)]);

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal(expected, hello.Version);
        Assert.Equal(ja4Version, hello.Ja4[1..3]);
        Assert.Equal(versions, hello.SupportedVersions);
    }

    [Theory]
    [InlineData("h2", "h2")]
    [InlineData("http/1.1", "h1")]
    [InlineData("h", "hh")]
    [InlineData("h3-29", "h9")]
    [InlineData("\u00ab", "ab")]
    [InlineData("\u00ab\u00cd", "ad")]
    [InlineData("0\u00ab", "3b")]
    [InlineData("01\u00ab\u00cd", "3d")]
    [InlineData("0\u00ab\u00cd1", "01")]
    public void Parse_AlpnValues_Ja4AlpnPartFollowsSpec(string alpn, string expected)
    {
        var value = alpn.Select(c => (byte)c).ToArray();
        var data = new byte[] { 0, (byte)(value.Length + 1), (byte)value.Length }.Concat(value).ToArray();
        var body = TlsBytes.ClientHelloBody(0x0303, [0x1301], [(0x0010, data)]);

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        Assert.Equal(expected, Assert.Single(_observer.ClientHellos).Ja4[8..10]);
    }

    [Fact]
    public void Parse_NoCiphersNoExtensions_Ja4UsesZeroHashes()
    {
        var body = TlsBytes.ClientHelloBody(0x0301, [], null);

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal("t10i000000_000000000000_000000000000", hello.Ja4);
        Assert.Equal("769,,,,", hello.Ja3);
    }

    [Fact]
    public void Parse_CipherListBeyondLimit_TruncatedAndCounted()
    {
        var options = TlsParserOptions.Default with { MaxListEntries = 16 };
        var parser = new TlsParser(options, _counters);
        var ciphers = Enumerable.Range(1, 40).Select(i => (ushort)i).ToArray();

        parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsBytes.ClientHelloBody(0x0303, ciphers, null)), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.True(hello.Truncated);
        Assert.Equal(16, hello.Ciphers.Length);
        Assert.Equal(1, _counters.TruncatedFields);
    }

    [Fact]
    public void Parse_MalformedSniContent_HelloStillDeliveredAndCounted()
    {
        var body = TlsBytes.ClientHelloBody(0x0303, [0x1301], [(0x0000, new byte[] { 0x00, 0x09, 0x00, 0x00, 0x20 })]);

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Null(hello.ServerName);
        Assert.StartsWith("t12d", hello.Ja4, StringComparison.Ordinal);
        Assert.Equal(1, _counters.MalformedExtensions);
    }

    [Fact]
    public void Parse_ExtensionLengthBeyondBlock_HelloRejectedAndCounted()
    {
        var body = TlsBytes.ClientHelloBody(0x0303, [0x1301], [TlsBytes.Opaque(0x0017, 4)]);
        body[^5] = 0x40; // extension length 0x0040 > remaining

        _parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body), _observer);

        Assert.Empty(_observer.ClientHellos);
        Assert.Equal(1, _counters.MalformedClientHellos);
    }

    [Fact]
    public void Parse_OversizedHello_SkippedAndCounted()
    {
        var options = TlsParserOptions.Default with { MaxHandshakeMessageBytes = 1024 };
        var parser = new TlsParser(options, _counters);
        var body = TlsBytes.ClientHelloBody(0x0303, [0x1301], [TlsBytes.Opaque(0x0015, 2000)]);

        parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(body, 500), _observer);

        Assert.Empty(_observer.ClientHellos);
        Assert.Equal(1, _counters.OversizedMessages);
        Assert.False(parser.IsStopped(FlowDirection.ToServer));
    }

    [Fact]
    public void Parse_FingerprintsDisabled_FingerprintsEmpty()
    {
        var parser = new TlsParser(TlsParserOptions.Default with { EnableJa3 = false, EnableJa4 = false }, _counters);

        parser.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody()), _observer);

        var hello = Assert.Single(_observer.ClientHellos);
        Assert.Equal("", hello.Ja3);
        Assert.Equal("", hello.Ja3Hash);
        Assert.Equal("", hello.Ja4);
        Assert.Equal("tls.browserleaks.com", hello.ServerName);
    }

    [Fact]
    public void Parse_SharedWorkspace_ParsersOfDifferentFlowsIndependent()
    {
        var workspace = new TlsWorkspace(TlsParserOptions.Default);
        var first = new TlsParser(TlsParserOptions.Default, _counters, workspace);
        var second = new TlsParser(TlsParserOptions.Default, _counters, workspace);
        var chrome = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody(), 100);
        var readme = TlsSamples.ClientHelloRecords(TlsSamples.Ja3ReadmeClientHelloBody());

        first.Parse(FlowDirection.ToServer, chrome.AsSpan(0, 150), _observer);
        second.Parse(FlowDirection.ToServer, readme, _observer);
        first.Parse(FlowDirection.ToServer, chrome.AsSpan(150), _observer);

        Assert.Equal(["ada70206e40642a3e4461f35503241d5", TlsSamples.ChromeJa3Hash], _observer.ClientHellos.Select(h => h.Ja3Hash));
    }
}
