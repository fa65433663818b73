using RustIds.Packets.AppLayer.Http;

namespace RustIds.Packets.Tests.AppLayer.Http;

/// <summary>The same stream split differently must give the same events and transactions.</summary>
public sealed class HttpEquivalenceTests
{
    [Fact]
    public void Parse_RichConversationWhole_ReportsEveryTransaction()
    {
        var events = RunSegments(piece: int.MaxValue, random: null);

        var completed = events.Where(e => e.StartsWith("RespComplete", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, completed.Count);
        Assert.Contains("<html>1234</htm", completed[0], StringComparison.Ordinal);
        Assert.Contains("streamed until the server closes the connection", completed[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ByteAtATime_SameEventsAsWhole()
    {
        var whole = RunSegments(piece: int.MaxValue, random: null);

        var byteWise = RunSegments(piece: 1, random: null);

        Assert.Equal(whole, byteWise);
    }

    [Fact]
    public void Parse_RandomSplits_SameEventsAsWhole()
    {
        var whole = RunSegments(piece: int.MaxValue, random: null);
        var random = new Random(4242);
        for (int run = 0; run < 300; run++)
        {
            Assert.Equal(whole, RunSegments(piece: 0, random));
        }
    }

    [Fact]
    public void Parse_EverySplitPointOfEachDirection_SameTransactions()
    {
        byte[] requests = HttpConversations.RichRequests;
        byte[] responses = HttpConversations.RichResponses;
        var baseline = RunSplit(requests, responses, requestSplit: 0, responseSplit: 0);
        Assert.Equal(6, baseline.Count(e => e.StartsWith("RespComplete", StringComparison.Ordinal)));

        for (int split = 1; split < requests.Length; split++)
        {
            Assert.Equal(baseline, RunSplit(requests, responses, split, 0));
        }

        for (int split = 1; split < responses.Length; split++)
        {
            Assert.Equal(baseline, RunSplit(requests, responses, 0, split));
        }
    }

    private static List<string> RunSegments(int piece, Random? random)
    {
        var parser = new HttpParser(HttpParserOptions.Default, new HttpCounters());
        var observer = new RecordingObserver();
        foreach (var (direction, data) in HttpConversations.Rich)
        {
            int offset = 0;
            while (offset < data.Length)
            {
                int size = random is null ? Math.Min(piece, data.Length - offset) : random.Next(1, Math.Min(40, data.Length - offset) + 1);
                parser.Parse(direction, data.AsSpan(offset, size), observer);
                offset += size;
            }
        }

        parser.OnEnd(FlowDirection.ToServer, observer);
        parser.OnEnd(FlowDirection.ToClient, observer);
        return observer.Events;
    }

    // All requests first, then all responses: pipelining of the whole conversation.
    private static List<string> RunSplit(byte[] requests, byte[] responses, int requestSplit, int responseSplit)
    {
        var parser = new HttpParser(HttpParserOptions.Default, new HttpCounters());
        var observer = new RecordingObserver();
        HttpTestSupport.FeedSplitAt(parser, FlowDirection.ToServer, requests, requestSplit, observer);
        HttpTestSupport.FeedSplitAt(parser, FlowDirection.ToClient, responses, responseSplit, observer);
        parser.OnEnd(FlowDirection.ToServer, observer);
        parser.OnEnd(FlowDirection.ToClient, observer);
        return observer.Events;
    }
}
