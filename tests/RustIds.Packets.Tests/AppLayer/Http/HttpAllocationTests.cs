using RustIds.Packets.AppLayer.Http;

namespace RustIds.Packets.Tests.AppLayer.Http;

[Collection(global::RustIds.Packets.Tests.AllocationCollection.Name)]
public sealed class HttpAllocationTests
{
    [Fact]
    public void Parse_WarmedUpConversation_AllocatesNothing()
    {
        var parser = new HttpParser(HttpParserOptions.Default, new HttpCounters());
        var observer = new CountingObserver();
        for (int i = 0; i < 50; i++)
        {
            RunConversation(parser, observer, piece: 1 + (i % 13));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            RunConversation(parser, observer, piece: 1 + (i % 13));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(550 * 6, observer.Responses);
        Assert.True(observer.Checksum > 0);
    }

    private static void RunConversation(HttpParser parser, IHttpObserver observer, int piece)
    {
        parser.Reset();
        var segments = HttpConversations.Rich;
        for (int s = 0; s < segments.Count; s++)
        {
            var (direction, data) = segments[s];
            for (int offset = 0; offset < data.Length; offset += piece)
            {
                parser.Parse(direction, data.AsSpan(offset, Math.Min(piece, data.Length - offset)), observer);
            }
        }

        parser.OnGap(FlowDirection.ToServer, observer);
        parser.OnEnd(FlowDirection.ToServer, observer);
        parser.OnEnd(FlowDirection.ToClient, observer);
    }
}
