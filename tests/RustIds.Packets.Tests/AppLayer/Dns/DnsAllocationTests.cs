using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class DnsAllocationTests
{
    [Fact]
    public void ParseUdpAndTcp_WarmedUp_AllocatesNothing()
    {
        var counters = new DnsCounters();
        var message = new DnsMessage();
        var tcp = new DnsTcpParser(DnsParserOptions.Default, counters, message);
        var observer = new SummingObserver();
        byte[][] datagrams = [DnsSamples.Query, DnsSamples.Response, DnsSamples.RichResponse()];
        byte[] stream = [.. DnsBuilder.WithTcpPrefix(DnsSamples.Response), .. DnsBuilder.WithTcpPrefix(DnsSamples.RichResponse())];
        byte[] malformed = [.. DnsSamples.Response[..40]];

        for (var i = 0; i < 100; i++)
            Round(datagrams, stream, malformed, message, counters, tcp, observer, piece: 1 + (i % 17));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
            Round(datagrams, stream, malformed, message, counters, tcp, observer, piece: 1 + (i % 17));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2100 * 6, observer.Messages);
        Assert.True(observer.Sum > 0);
    }

    private static void Round(
        byte[][] datagrams, byte[] stream, byte[] malformed, DnsMessage message, DnsCounters counters, DnsTcpParser tcp, SummingObserver observer, int piece)
    {
        foreach (var datagram in datagrams)
        {
            if (DnsProbe.Probe(datagram, isTcp: false) == ProbeResult.Match)
            {
                DnsMessageParser.Parse(datagram, message, counters);
                observer.OnDnsMessage(FlowDirection.ToClient, message);
            }
        }
        DnsMessageParser.Parse(malformed, message, counters);
        tcp.Reset();
        for (var offset = 0; offset < stream.Length; offset += piece)
            tcp.Parse(FlowDirection.ToClient, stream.AsSpan(offset, Math.Min(piece, stream.Length - offset)), observer);
        tcp.OnGap(FlowDirection.ToClient);
        tcp.Parse(FlowDirection.ToClient, stream.AsSpan(0, stream.Length / 2), observer);
        // The second half starts mid-message after a gap: probed, skipped.
        tcp.OnGap(FlowDirection.ToClient);
        tcp.Parse(FlowDirection.ToClient, stream.AsSpan(7), observer);
    }

    private sealed class SummingObserver : IDnsObserver
    {
        private readonly byte[] _text = new byte[1024];

        public long Messages { get; private set; }

        public long Sum { get; private set; }

        public void OnDnsMessage(FlowDirection direction, DnsMessage message)
        {
            Messages++;
            long sum = message.Id;
            for (var i = 0; i < message.QuestionCount; i++)
            {
                DnsText.TryWriteName(message.GetQuestion(i).Name, _text, out var written);
                sum += written + DnsText.RecordTypeName(message.GetQuestion(i).Type).Length;
            }
            for (var i = 0; i < message.AnswerCount; i++)
            {
                var answer = message.GetAnswer(i);
                sum += answer.Name.Length + answer.Target.Length + (long)answer.Address.Low + answer.Preference + answer.Port;
                foreach (var s in answer.TxtStrings)
                    sum += s.Length;
            }
            Sum += sum;
        }
    }
}
