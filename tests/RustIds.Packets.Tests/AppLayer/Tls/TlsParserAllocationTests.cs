namespace RustIds.Packets.AppLayer.Tls.Tests;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class TlsParserAllocationTests
{
    [Fact]
    public void Parse_FullHandshakesAfterWarmUp_AllocatesNothing()
    {
        var counters = new TlsCounters();
        var observer = new CountingObserver();
        var workspace = new TlsWorkspace(TlsParserOptions.Default);
        var parser = new TlsParser(TlsParserOptions.Default, counters, workspace);
        var client = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody());
        var clientSplit = TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody(), maxFragment: 100);
        var certificate = X509Samples.Certificate(version: 2);
        var serverHello = TlsBytes.ServerHelloBody(0x0303, 0xc02f, [TlsBytes.Opaque(0xff01, 1), TlsBytes.Alpn("h2")]);
        var server = TlsBytes.Records(
            22,
            TlsBytes.Concat(TlsBytes.Handshake(2, serverHello), TlsBytes.Handshake(11, TlsBytes.CertificateBody(certificate)), TlsBytes.Handshake(14, [])),
            maxFragment: 170,
            version: 0x0303);
        var clientFinish = TlsBytes.Records(20, [1]);

        void RunOnce()
        {
            parser.Reset();
            parser.Parse(FlowDirection.ToServer, client, observer);
            parser.Reset();
            for (var offset = 0; offset < clientSplit.Length; offset += 37)
                parser.Parse(FlowDirection.ToServer, clientSplit.AsSpan(offset, Math.Min(37, clientSplit.Length - offset)), observer);
            for (var offset = 0; offset < server.Length; offset += 61)
                parser.Parse(FlowDirection.ToClient, server.AsSpan(offset, Math.Min(61, server.Length - offset)), observer);
            parser.Parse(FlowDirection.ToServer, clientFinish, observer);
        }

        for (var i = 0; i < 200; i++)
            RunOnce();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
            RunOnce();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2200 * 2, observer.ClientHellos);
        Assert.Equal(2200, observer.Certificates);
        Assert.Equal(0, counters.Errors);
    }
}
