using System.Text;
using System.Threading.Channels;
using RustIds.Detection;
using RustIds.Detection.Behaviour;
using RustIds.Engine.Configuration;
using RustIds.Engine.Loading;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Rules;
using RustIds.Rules.Evaluation;

namespace RustIds.Engine.Tests;

/// <summary>The composed hot path: source → decode → flow → rules, as `rustids run` wires it.</summary>
[Collection(AllocationCollection.Name)]
public sealed class DetectionLoopTests
{
    private static readonly IpAddr Client = IpAddr.Parse("10.1.0.5");
    private static readonly IpAddr Server = IpAddr.Parse("10.1.0.1");

    [Fact]
    public void Run_SteadyStateWithoutMatches_AllocatesNothingPerPacket()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 50, requestsPerFlow: 20, Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n"));
        var (loop, alerts, counters) = CreateLoop(source);
        loop.Run(CancellationToken.None); // warm-up: flows created, JIT done

        var allocated = Allocations.Measure(() =>
        {
            source.Rewind();
            loop.Run(CancellationToken.None);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, counters.Packets % source.Count);
        Assert.True(counters.Packets >= 2 * source.Count);
        Assert.False(alerts.Reader.TryRead(out _));
    }

    [Fact]
    public void Run_AttackInEstablishedFlow_EmitsOneAlertWithFlowFacts()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 1, requestsPerFlow: 1, Encoding.ASCII.GetBytes("GET /?id=1 UNION SELECT pass HTTP/1.1\r\n\r\n"));
        var (loop, alerts, counters) = CreateLoop(source);

        loop.Run(CancellationToken.None);

        Assert.True(alerts.Reader.TryRead(out var item));
        var alert = Assert.IsType<Alert>(item.Alert);
        Assert.Equal(1000001, alert.Sid);
        Assert.Equal(Client, alert.Offender);
        Assert.Equal(FlowDirection.ToServer, alert.Direction);
        Assert.NotEqual(0UL, alert.FlowId);
        Assert.False(alerts.Reader.TryRead(out _));
        Assert.Equal("end of capture", loop.StopReason);
        Assert.Equal(0, counters.AlertsDropped);
    }

    [Fact]
    public void Run_AlertQueueFull_DropsAndCountsInsteadOfWaiting()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 5, requestsPerFlow: 4, Encoding.ASCII.GetBytes("x UNION SELECT y"));
        var channel = Channel.CreateBounded<WorkerOutput>(2);
        var counters = new PipelineCounters();
        var loop = NewLoop(source, channel.Writer, counters, includePayload: false);

        loop.Run(CancellationToken.None);

        Assert.Equal(18, counters.AlertsDropped);
    }

    [Fact]
    public void Run_TruncatedAndGarbageFrames_AreCountedNotThrown()
    {
        using var source = new MemoryPacketSource();
        var frame = FrameBuilder.EthernetTcp(Client, 40000, Server, 80, TcpFlags.Syn);
        source.Add(frame[..20], 1);
        source.Add([.. Enumerable.Repeat((byte)0xFF, 60)], 2);
        source.Add(frame, 3);
        var (loop, _, counters) = CreateLoop(source);

        loop.Run(CancellationToken.None);

        Assert.Equal(3, counters.Packets);
        Assert.Equal(1, counters.DecodeCount(DecodeStatus.Ok));
        Assert.Equal(2, counters.Packets - counters.DecodeCount(DecodeStatus.Ok));
    }

    [Fact]
    public void Run_RuleSetPublishedBetweenRuns_LaterFramesUseTheNewRules()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 2, requestsPerFlow: 1, Encoding.ASCII.GetBytes("GET /old-or-new HTTP/1.1\r\n\r\n"));
        using var first = new CompiledRuleSet([Parse("alert tcp any any -> any any (msg:\"old\"; content:\"old-or\"; sid:1;)")]);
        using var second = new CompiledRuleSet([Parse("alert tcp any any -> any any (msg:\"new\"; content:\"or-new\"; sid:2;)")]);
        var holder = new RuleSetHolder(first);
        var evaluator = first.CreateEvaluator();
        var processor = new PacketProcessor(source.LinkType, observer: evaluator);
        var alerts = Channel.CreateUnbounded<WorkerOutput>();
        var loop = new DetectionLoop(source, processor, holder, evaluator, new SignatureAlertFactory("", false), alerts.Writer, new PipelineCounters());

        loop.Run(CancellationToken.None);
        Assert.Same(first, holder.Publish(second));
        source.Rewind();
        loop.Run(CancellationToken.None);

        var sids = new List<long>();
        while (alerts.Reader.TryRead(out var item))
            sids.Add(item.Alert!.Sid);
        Assert.Equal([1, 1, 2, 2], sids);
        Assert.Same(second, loop.ActiveRules);
        Assert.Same(second, evaluator.Rules);
    }

    [Fact]
    public void Run_EveRecordsPastTheirRoom_AreDroppedAndCountedWhileAlertsStillQueue()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 5, requestsPerFlow: 1, Encoding.ASCII.GetBytes("x UNION SELECT y"));
        var channel = Channel.CreateBounded<WorkerOutput>(100);
        var counters = new PipelineCounters();
        var types = new EveEventOptions { Flow = true, QueueCapacity = 3 };

        var items = RunWithEveRecords(source, channel, types, "", () => channel.Reader.Count, counters);

        // Five alerts fill the queue past the records' room of 3 before any flow ends, so all five flow records are dropped.
        Assert.Equal(5, items.Count(i => i.Alert is not null));
        Assert.Equal(0, items.Count(i => i.Record is not null));
        Assert.Equal(5, counters.EveEventsDropped);
        Assert.Equal(0, counters.AlertsDropped);
    }

    [Fact]
    public void Run_EveFlowRecords_FollowTheAlertsOfTheirFlowInCaptureOrder()
    {
        using var source = new MemoryPacketSource();
        AddConversations(source, flows: 3, requestsPerFlow: 1, Encoding.ASCII.GetBytes("x UNION SELECT y"));
        var channel = Channel.CreateUnbounded<WorkerOutput>();
        var counters = new PipelineCounters();

        var items = RunWithEveRecords(source, channel, new EveEventOptions { Flow = true }, "eth9", null, counters);

        Assert.Equal(["alert", "alert", "alert", "flow", "flow", "flow"], items.Select(i => i.Alert is not null ? "alert" : "flow"));
        var flows = items.Select(i => i.Record).OfType<Notify.EveFlowEvent>().ToList();
        Assert.All(flows, f => Assert.Equal(Client, f.Tuple.Source));
        Assert.All(flows, f => Assert.Equal((ushort)80, f.Tuple.DestinationPort));
        Assert.All(flows, f => Assert.Equal(FlowEndReason.Shutdown, f.Reason));
        Assert.All(flows, f => Assert.Equal("eth9", f.InterfaceName));
        Assert.All(flows, f => Assert.Equal((3, 2), (f.PacketsToServer, f.PacketsToClient)));
        Assert.Equal(items.Select(i => i.Alert?.FlowId).OfType<ulong>().Order(), flows.Select(f => f.Tuple.FlowId).Order());
    }

    /// <summary>Runs the loop with EVE records of <paramref name="types"/> on, as PipelineRunner wires them; returns what was queued, in order.</summary>
    private static List<WorkerOutput> RunWithEveRecords(
        MemoryPacketSource source, Channel<WorkerOutput> channel, EveEventOptions types, string interfaceName, Func<int>? queued, PipelineCounters counters)
    {
        var records = new EveEventObserver(types, interfaceName, 65536, channel.Writer, queued, counters);
        var compiled = Compile();
        var evaluator = compiled.CreateEvaluator();
        var processor = new PacketProcessor(source.LinkType, observer: new AppLayerFanout(evaluator, records), flowObserver: records);
        var loop = new DetectionLoop(source, processor, new RuleSetHolder(compiled), evaluator, new SignatureAlertFactory("", false), channel.Writer, counters);
        loop.Run(CancellationToken.None);
        var items = new List<WorkerOutput>();
        while (channel.Reader.TryRead(out var item))
            items.Add(item);
        return items;
    }

    private static Rule Parse(string text) => new RuleParser().Parse(text, "t.rules", 1, new List<RuleDiagnostic>())!;

    private static (DetectionLoop Loop, Channel<WorkerOutput> Alerts, PipelineCounters Counters) CreateLoop(IPacketSource source)
    {
        var alerts = Channel.CreateUnbounded<WorkerOutput>();
        var counters = new PipelineCounters();
        var loop = NewLoop(source, alerts.Writer, counters, includePayload: true);
        return (loop, alerts, counters);
    }

    private static DetectionLoop NewLoop(IPacketSource source, ChannelWriter<WorkerOutput> alerts, PipelineCounters counters, bool includePayload)
    {
        var compiled = Compile();
        var evaluator = compiled.CreateEvaluator();
        var processor = new PacketProcessor(source.LinkType, observer: evaluator);
        counters.AddWorker(processor);
        return new DetectionLoop(source, processor, new RuleSetHolder(compiled), evaluator, new SignatureAlertFactory("", includePayload), alerts, counters);
    }

    private static CompiledRuleSet Compile()
    {
        var options = new RulesOptions { Files = [RepoPaths.LocalRules] };
        return new CompiledRuleSet(RuleSetLoader.Load(options).Rules);
    }

    /// <summary>
    /// The detectors handle a packet's flow events at the end of the next packet; on a live link that falls quiet there is
    /// none, and a read that times out must hand them over instead, not the stop at the end of the run.
    /// </summary>
    [Fact]
    public async Task Run_LinkFallsQuiet_DetectorsReportTheLastPacketsAttemptBeforeTheStop()
    {
        // The fewest SYNs of a scan that raise the alert once the capture is over (the flush handles every queued event):
        // with that many, the attempt that crosses the threshold is the last packet's.
        var fewest = FewestScanSynsForAnAlert();
        using var quiet = new IdleSource(ScanSyns(fewest));
        using var worker = new DetectorWorker(quiet);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => worker.Loop.Run(stop.Token));

        var raised = await WaitForDetection(worker.Alerts.Reader, TimeSpan.FromSeconds(20));
        var stopReasonWhenRaised = worker.Loop.StopReason;
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(raised);
        Assert.Null(stopReasonWhenRaised);
        Assert.Equal("stopped", worker.Loop.StopReason);
    }

    private static readonly IpAddr Scanner = IpAddr.Parse("203.0.113.9");

    private static MemoryPacketSource ScanSyns(int count)
    {
        var source = new MemoryPacketSource();
        var start = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var port = 1; port <= count; port++)
            source.Add(FrameBuilder.EthernetTcp(Scanner, 50000, Server, (ushort)port, TcpFlags.Syn), start + port * TimeSpan.TicksPerMillisecond);
        return source;
    }

    private static int FewestScanSynsForAnAlert()
    {
        var (low, high) = (1, 1000);
        while (low < high)
        {
            var middle = (low + high) / 2;
            using var syns = ScanSyns(middle);
            using var worker = new DetectorWorker(syns);
            worker.Loop.Run(CancellationToken.None);
            if (ReadScanAlert(worker.Alerts.Reader) is not null)
                high = middle;
            else
                low = middle + 1;
        }
        Assert.InRange(low, new PortScanOptions().FastPorts, 999);
        return low;
    }

    private static Alert? ReadScanAlert(ChannelReader<WorkerOutput> reader)
    {
        while (reader.TryRead(out var item))
        {
            if (IsScanAlert(item.Alert))
                return item.Alert;
        }
        return null;
    }

    private static bool IsScanAlert(Alert? alert) => alert is { Gid: DetectorSignature.Gid } && alert.Sid == DetectorSignature.FastPortScan.Sid;

    /// <summary>The first scan alert within <paramref name="timeout"/>, else null.</summary>
    private static async Task<Alert?> WaitForDetection(ChannelReader<WorkerOutput> reader, TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var alert = (await reader.ReadAsync(waiting.Token)).Alert;
                if (IsScanAlert(alert))
                    return alert;
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>A worker with the behavioural detectors, wired as <see cref="PipelineRunner"/> wires them.</summary>
    private sealed class DetectorWorker : IDisposable
    {
        private readonly RuleEvaluator _evaluator = Compile().CreateEvaluator();

        public DetectorWorker(IPacketSource source)
        {
            var counters = new PipelineCounters();
            var detectors = new DetectorSet(new DetectorOptions(), new DetectionQueue(Alerts.Writer, counters));
            var processor = new PacketProcessor(source.LinkType, observer: new DetectorFanout(_evaluator, detectors), flowObserver: detectors);
            detectors.Attach(processor.Flows);
            counters.AddWorker(processor);
            Loop = new DetectionLoop(source, processor, new RuleSetHolder(_evaluator.Rules), _evaluator, new SignatureAlertFactory("", includePayload: false),
                Alerts.Writer, counters, detectors);
        }

        public Channel<WorkerOutput> Alerts { get; } = Channel.CreateUnbounded<WorkerOutput>();

        public DetectionLoop Loop { get; }

        public void Dispose() => _evaluator.Dispose();
    }

    /// <summary>Handshake, then request/ack pairs, for <paramref name="flows"/> client ports.</summary>
    private static void AddConversations(MemoryPacketSource source, int flows, int requestsPerFlow, byte[] request)
    {
        long time = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var f = 0; f < flows; f++)
        {
            var port = (ushort)(40000 + f);
            source.Add(FrameBuilder.EthernetTcp(Client, port, Server, 80, TcpFlags.Syn, sequence: 100), time++);
            source.Add(FrameBuilder.EthernetTcp(Server, 80, Client, port, TcpFlags.Syn | TcpFlags.Ack, sequence: 500, acknowledgement: 101), time++);
            source.Add(FrameBuilder.EthernetTcp(Client, port, Server, 80, TcpFlags.Ack, sequence: 101, acknowledgement: 501), time++);
            for (var r = 0; r < requestsPerFlow; r++)
            {
                var seq = (uint)(101 + (r * request.Length));
                source.Add(FrameBuilder.EthernetTcp(Client, port, Server, 80, TcpFlags.Ack | TcpFlags.Psh, request, seq, 501), time++);
                source.Add(FrameBuilder.EthernetTcp(Server, 80, Client, port, TcpFlags.Ack, sequence: 501, acknowledgement: seq + (uint)request.Length), time++);
            }
        }
    }
}
