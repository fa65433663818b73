using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsTcpParserTests
{
    private const string ResponseSummary = "www.example.com;5=cdn.example.com;1=93.184.216.34;";

    private readonly DnsCounters _counters = new();
    private readonly RecordingObserver _observer = new();
    private readonly DnsTcpParser _parser;

    public DnsTcpParserTests()
    {
        _parser = new DnsTcpParser(DnsParserOptions.Default, _counters);
    }

    [Fact]
    public void Parse_WholeMessageInOneSegment_DeliversIt()
    {
        _parser.Parse(FlowDirection.ToServer, DnsBuilder.WithTcpPrefix(DnsSamples.Query), _observer);

        var message = Assert.Single(_observer.Messages);
        Assert.Equal(FlowDirection.ToServer, message.Direction);
        Assert.Equal("www.example.com;", message.Summary);
        Assert.Equal(1, _counters.TcpMessages);
    }

    [Fact]
    public void Parse_SplitAtEveryByte_DeliversTheSameMessage()
    {
        var framed = DnsBuilder.WithTcpPrefix(DnsSamples.Response);
        for (var split = 1; split < framed.Length; split++)
        {
            _parser.Parse(FlowDirection.ToClient, framed.AsSpan(0, split), _observer);
            Assert.Equal(split - 1, _observer.Messages.Count);
            _parser.Parse(FlowDirection.ToClient, framed.AsSpan(split), _observer);
            Assert.Equal(split, _observer.Messages.Count);
            Assert.Equal((FlowDirection.ToClient, (ushort)0x1a2b, DnsParseStatus.Ok, ResponseSummary), _observer.Messages[^1]);
        }
    }

    [Fact]
    public void Parse_OneByteAtATime_DeliversTheMessage()
    {
        var framed = DnsBuilder.WithTcpPrefix(DnsSamples.RichResponse());
        foreach (var b in framed)
            _parser.Parse(FlowDirection.ToClient, [b], _observer);

        var message = Assert.Single(_observer.Messages);
        Assert.Equal(DnsParseStatus.Ok, message.Status);
        Assert.Equal(0xbeef, message.Id);
    }

    [Fact]
    public void Parse_TwoMessagesInOneSegment_DeliversBothInOrder()
    {
        byte[] segment = [.. DnsBuilder.WithTcpPrefix(DnsSamples.Response), .. DnsBuilder.WithTcpPrefix(DnsSamples.RichResponse())];

        _parser.Parse(FlowDirection.ToClient, segment, _observer);

        Assert.Equal(2, _observer.Messages.Count);
        Assert.Equal(ResponseSummary, _observer.Messages[0].Summary);
        Assert.Equal(0xbeef, _observer.Messages[1].Id);
    }

    [Fact]
    public void Parse_SecondMessageSplitAcrossSegments_IsCompletedLater()
    {
        byte[] stream = [.. DnsBuilder.WithTcpPrefix(DnsSamples.Query), .. DnsBuilder.WithTcpPrefix(DnsSamples.Query)];
        var cut = stream.Length - 7;

        _parser.Parse(FlowDirection.ToServer, stream.AsSpan(0, cut), _observer);
        Assert.Single(_observer.Messages);
        _parser.Parse(FlowDirection.ToServer, stream.AsSpan(cut), _observer);

        Assert.Equal(2, _observer.Messages.Count);
    }

    [Fact]
    public void Parse_DirectionsAreFramedIndependently()
    {
        var query = DnsBuilder.WithTcpPrefix(DnsSamples.Query);
        var response = DnsBuilder.WithTcpPrefix(DnsSamples.Response);

        _parser.Parse(FlowDirection.ToServer, query.AsSpan(0, 10), _observer);
        _parser.Parse(FlowDirection.ToClient, response.AsSpan(0, 20), _observer);
        _parser.Parse(FlowDirection.ToServer, query.AsSpan(10), _observer);
        _parser.Parse(FlowDirection.ToClient, response.AsSpan(20), _observer);

        Assert.Equal(FlowDirection.ToServer, _observer.Messages[0].Direction);
        Assert.Equal(ResponseSummary, _observer.Messages[1].Summary);
    }

    [Fact]
    public void Parse_MalformedMessage_IsDeliveredWithItsStatus()
    {
        var bytes = DnsSamples.Response;
        bytes[^5] = 0x40; // RDLENGTH of the A record past the end

        _parser.Parse(FlowDirection.ToClient, DnsBuilder.WithTcpPrefix(bytes), _observer);

        var message = Assert.Single(_observer.Messages);
        Assert.Equal(DnsParseStatus.RdLengthBeyondData, message.Status);
        Assert.Equal("www.example.com;5=cdn.example.com;", message.Summary);
    }

    [Fact]
    public void Parse_ShortAndZeroLengthFrames_AreSkipped()
    {
        byte[] stream = [0, 0, 0, 3, 1, 2, 3, .. DnsBuilder.WithTcpPrefix(DnsSamples.Query)];

        _parser.Parse(FlowDirection.ToServer, stream, _observer);

        Assert.Single(_observer.Messages);
        Assert.Equal(1, _counters.TcpZeroLengthFrames);
        Assert.Equal(1, _counters.TruncatedHeader);
    }

    [Fact]
    public void Parse_MessageAboveConfiguredLimit_IsSkippedAndFramingKept()
    {
        var options = new DnsParserOptions { MaxTcpMessageBytes = 512 };
        var parser = new DnsTcpParser(options, _counters);
        var big = new DnsBuilder().Header(1, 0x8000, 1).Question("big", DnsRecordType.TXT).Bytes(new byte[600]).ToArray();
        byte[] stream = [.. DnsBuilder.WithTcpPrefix(big), .. DnsBuilder.WithTcpPrefix(DnsSamples.Query)];

        for (var offset = 0; offset < stream.Length; offset += 100)
            parser.Parse(FlowDirection.ToServer, stream.AsSpan(offset, Math.Min(100, stream.Length - offset)), _observer);

        var message = Assert.Single(_observer.Messages);
        Assert.Equal(0x1a2b, message.Id);
        Assert.Equal(1, _counters.TcpOversizedMessages);
    }

    [Fact]
    public void OnGap_DropsPartialMessageAndResyncsOnDnsLookingData()
    {
        var framed = DnsBuilder.WithTcpPrefix(DnsSamples.Response);
        _parser.Parse(FlowDirection.ToClient, framed.AsSpan(0, 30), _observer);

        _parser.OnGap(FlowDirection.ToClient);
        _parser.Parse(FlowDirection.ToClient, framed.AsSpan(40), _observer); // the rest of the lost message: not DNS-like
        _parser.Parse(FlowDirection.ToClient, framed, _observer);            // the next message starts a segment

        var message = Assert.Single(_observer.Messages);
        Assert.Equal(ResponseSummary, message.Summary);
        Assert.Equal(1, _counters.TcpGaps);
        Assert.Equal(1, _counters.TcpGapSkippedSegments);
        Assert.Equal(1, _counters.TcpResyncs);
    }

    [Fact]
    public void Parse_UnknownDirection_IsIgnoredAndCounted()
    {
        _parser.Parse(FlowDirection.Unknown, DnsBuilder.WithTcpPrefix(DnsSamples.Query), _observer);

        Assert.Empty(_observer.Messages);
        Assert.Equal(1, _counters.UnknownDirection);
    }

    [Fact]
    public void Reset_ForgetsPartialMessages()
    {
        var framed = DnsBuilder.WithTcpPrefix(DnsSamples.Query);
        _parser.Parse(FlowDirection.ToServer, framed.AsSpan(0, 9), _observer);

        _parser.Reset();
        _parser.Parse(FlowDirection.ToServer, framed, _observer);

        Assert.Equal("www.example.com;", Assert.Single(_observer.Messages).Summary);
    }

    [Fact]
    public void Constructor_WorkspaceWithOtherOptions_Throws()
    {
        var workspace = new DnsMessage(new DnsParserOptions { MaxQuestions = 3 });

        Assert.Throws<ArgumentException>(() => new DnsTcpParser(DnsParserOptions.Default, _counters, workspace));
    }
}
