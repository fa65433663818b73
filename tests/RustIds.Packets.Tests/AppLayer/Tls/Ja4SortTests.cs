namespace RustIds.Packets.AppLayer.Tls.Tests;

public sealed class Ja4SortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1000)]
    public void HeapSort_RandomListsWithDuplicates_SortsAsArraySortDoes(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 50; round++)
        {
            // Values from a small range too, so duplicates are common as in real cipher lists with GREASE removed.
            var range = round % 2 == 0 ? 16 : 65536;
            var values = Enumerable.Range(0, length).Select(_ => (ushort)random.Next(range)).ToArray();
            var expected = values.Order().ToArray();

            Ja4Fingerprint.HeapSort(values);

            Assert.Equal(expected, values);
        }
    }

    [Fact]
    public void HeapSort_AllocatesNothing()
    {
        var values = Enumerable.Range(0, 64).Select(i => (ushort)(i * 7919 % 65536)).ToArray();
        Ja4Fingerprint.HeapSort(values.AsSpan());

        var before = GC.GetAllocatedBytesForCurrentThread();
        Ja4Fingerprint.HeapSort(values.AsSpan());
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}

public sealed class LazyFingerprintTests
{
    [Fact]
    public void TwoConnectionsOfOneWorker_EachHelloHashesItsOwnFingerprints()
    {
        // The workspace (and its hello) is shared by every connection of a worker, as in a capture worker.
        var workspace = new TlsWorkspace(TlsParserOptions.Default);
        var counters = new TlsCounters();
        var observer = new RecordingObserver();
        var first = new TlsParser(TlsParserOptions.Default, counters, workspace);
        var second = new TlsParser(TlsParserOptions.Default, counters, workspace);

        first.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.ChromeClientHelloBody()), observer);
        second.Parse(FlowDirection.ToServer, TlsSamples.ClientHelloRecords(TlsSamples.Ja4SpecClientHelloBody()), observer);

        Assert.Equal(2, observer.ClientHellos.Count);
        Assert.Equal(TlsSamples.ChromeJa3Hash, observer.ClientHellos[0].Ja3Hash);
        Assert.Equal(TlsSamples.ChromeJa4, observer.ClientHellos[0].Ja4);
        Assert.Equal(TlsSamples.Ja4SpecJa4, observer.ClientHellos[1].Ja4);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(observer.ClientHellos[1].Ja3))),
            observer.ClientHellos[1].Ja3Hash);
        Assert.NotEqual(observer.ClientHellos[0].Ja3Hash, observer.ClientHellos[1].Ja3Hash);
    }
}
