using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Rules.Evaluation;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>Runs frames through the real packet path with a rule evaluator as its app-layer observer, counting alerts per sid.</summary>
internal sealed class RuleRun : IDisposable
{
    private readonly CompiledRuleSet _set;
    private readonly RuleEvaluator _evaluator;
    private readonly PacketProcessor _processor;
    private readonly FlowMatch[] _flowMatches = new FlowMatch[256];

    public RuleRun(params string[] rules)
        : this(rules.Select(TestRules.Parse))
    {
    }

    public RuleRun(IEnumerable<Rule> rules, LinkType linkType = LinkType.Ethernet, Rules.Thresholds.ThresholdConfig? thresholds = null,
        int streamWindowBytes = RuleEvaluator.DefaultStreamWindowBytes, int streamWindowMemcapMiB = RuleEvaluator.DefaultStreamWindowMemcapMiB)
    {
        _set = new CompiledRuleSet(rules, thresholds: thresholds);
        _evaluator = _set.CreateEvaluator(streamWindowBytes, streamWindowMemcapMiB);
        _processor = new PacketProcessor(linkType, new PacketProcessorOptions(), _evaluator);
    }

    public Dictionary<long, int> AlertsBySid { get; } = [];

    /// <summary>Alerts in the order raised, as "sid@frame".</summary>
    public List<string> Log { get; } = [];

    public int Frame { get; private set; }

    public RuleEvaluator Evaluator => _evaluator;

    public RuleRun Feed(byte[] frame, long ticks = 0)
    {
        Frame++;
        var raw = new RawFrame(frame, ticks == 0 ? 638_000_000_000_000_000 + Frame * TimeSpan.TicksPerMillisecond : ticks, frame.Length);
        var handler = new Handler(this);
        _processor.Process(in raw, ref handler);
        Drain();
        return this;
    }

    public RuleRun FeedAll(IEnumerable<byte[]> frames)
    {
        foreach (var frame in frames)
            Feed(frame);
        return this;
    }

    public RuleRun FeedPcap(string path)
    {
        using var source = PcapFileSource.Open(path);
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            Frame++;
            var handler = new Handler(this);
            _processor.Process(in frame, ref handler);
            Drain();
        }
        return this;
    }

    public RuleRun Finish()
    {
        _processor.Flush();
        Drain();
        return this;
    }

    public int Count(long sid) => AlertsBySid.GetValueOrDefault(sid);

    public void Dispose()
    {
        _evaluator.Dispose();
        _set.Dispose();
    }

    private void Record(int ruleIndex)
    {
        var sid = _set.GetRule(ruleIndex).Sid;
        AlertsBySid[sid] = Count(sid) + 1;
        Log.Add($"{sid}@{Frame}");
    }

    private void Drain()
    {
        var count = _evaluator.DrainFlowMatches(_flowMatches);
        for (var i = 0; i < count; i++)
            Record(_flowMatches[i].RuleIndex);
    }

    private readonly struct Handler(RuleRun run) : IPacketHandler
    {
        public void OnPacket(ref Packet packet)
        {
            Span<int> matches = stackalloc int[64];
            var count = run._evaluator.Evaluate(in packet, matches);
            for (var i = 0; i < count; i++)
                run.Record(matches[i]);
        }
    }
}
