using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using RustIds.Detection;
using RustIds.Detection.Behaviour;
using RustIds.Engine.Configuration;
using RustIds.Engine.Loading;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Testing;

namespace RustIds.Benchmarks;

/// <summary>
/// What the behavioural detectors add to a capture worker: the worker loop (packet path + local.rules) over
/// 100 000 frames of the generated bench mix held in memory, without and with every detector; ns/packet = mean / 100 000.
/// </summary>
/// <remarks>
/// The bench mix gives nearly every flow a new client, the detectors' worst case: every flow start is a table
/// lookup that misses the CPU caches. The budget is +10 %.
/// </remarks>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int Frames = 100_000;
    private MemoryPacketSource _source = null!;
    private TempDirectory _temp = null!;
    private DetectionLoop _without = null!;
    private DetectionLoop _with = null!;

    [GlobalSetup]
    public void Setup()
    {
        _temp = new TempDirectory();
        var path = GeneratedCapture.Create(_temp.Path, "bench", Frames);
        _source = new MemoryPacketSource();
        using (var file = PcapFileSource.Open(path))
        {
            while (file.ReadNext(out var frame) == PacketReadResult.Packet)
                _source.Add(frame.Data.ToArray(), frame.TimestampTicks);
        }
        var rules = RuleSetLoader.Load(new RulesOptions { Files = [Path.Combine(BenchmarkData.RepoRoot, "rules", "local.rules")] }).Rules;
        _without = Create(rules, detectors: false);
        _with = Create(rules, detectors: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _source.Dispose();
        _temp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "100 000 frames, local.rules, no detectors")]
    public void WithoutDetectors() => RunOnce(_without);

    [Benchmark(Description = "100 000 frames, local.rules, every detector")]
    public void WithDetectors() => RunOnce(_with);

    private void RunOnce(DetectionLoop loop)
    {
        _source.Rewind();
        loop.Run(CancellationToken.None);
    }

    private DetectionLoop Create(IReadOnlyList<RustIds.Rules.Rule> rules, bool detectors)
    {
        var compiled = new RustIds.Rules.CompiledRuleSet(rules);
        var evaluator = compiled.CreateEvaluator();
        var counters = new PipelineCounters();
        var queue = Channel.CreateBounded<WorkerOutput>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropWrite });
        var set = detectors ? new DetectorSet(new DetectorOptions(), new DetectionQueue(queue.Writer, counters)) : null;
        IAppLayerObserver observer = set is null ? evaluator : new AppLayerFanout(evaluator, set);
        var processor = new PacketProcessor(_source.LinkType, observer: observer, flowObserver: set);
        set?.Attach(processor.Flows);
        return new DetectionLoop(_source, processor, new RuleSetHolder(compiled), evaluator, new SignatureAlertFactory("", false), queue.Writer, counters, set);
    }
}
