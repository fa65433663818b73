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
/// lookup that misses the CPU caches. The issue's budget is +10 %. Each pass replays the frames an hour after the last.
/// </remarks>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int Frames = 100_000;
    private MemoryPacketSource _source = null!;
    private TempDirectory _temp = null!;
    private DetectionLoop _without = null!;
    private DetectionLoop _with = null!;
    private IReadOnlyCollection<string> _only = [];
    private DetectorSet? _detectors;

    [GlobalSetup]
    public void Setup()
    {
        _temp = new TempDirectory();
        _source = BenchmarkData.BenchMix(_temp.Path, Frames);
        var rules = RuleSetLoader.Load(new RulesOptions { Files = [Path.Combine(BenchmarkData.RepoRoot, "rules", "local.rules")] }).Rules;
        _without = Create(rules, detectors: false);
        _with = Create(rules, detectors: true);
    }

    /// <summary>
    /// An A/B run for a loaded machine, where BenchmarkDotNet's separate phases see different loads: each round runs
    /// both loops back to back (alternating which goes first) and keeps the ratio. Prints the ratios' median, min and max.
    /// </summary>
    /// <param name="rounds">Rounds of both runs.</param>
    /// <param name="only">Detector families to keep on (PortScan, SynFlood, BruteForce, DnsTunnel, Icmp, Exfiltration, Anomaly); all when empty.</param>
    public static void CompareAlternating(int rounds, IReadOnlyCollection<string> only)
    {
        var bench = new DetectorBenchmarks { _only = only };
        bench.Setup();
        try
        {
            for (var warm = 0; warm < 3; warm++)
            {
                bench.WithoutDetectors();
                bench.WithDetectors();
            }
            var ratios = new List<double>();
            var cpuRatios = new List<double>();
            var without = new List<double>();
            var with = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var first = round % 2 == 0;
                var (a, aCpu) = Time(first ? bench.WithoutDetectors : bench.WithDetectors);
                var (b, bCpu) = Time(first ? bench.WithDetectors : bench.WithoutDetectors);
                var (off, on) = first ? (a, b) : (b, a);
                var (offCpu, onCpu) = first ? (aCpu, bCpu) : (bCpu, aCpu);
                without.Add(off);
                with.Add(on);
                ratios.Add(on / off);
                cpuRatios.Add(onCpu / offCpu);
            }
            ratios.Sort();
            cpuRatios.Sort();
            without.Sort();
            with.Sort();
            Console.WriteLine(System.FormattableString.Invariant(
                $"detectors off: median {without[rounds / 2] / Frames * 1e6:0} ns/packet, fastest {without[0] / Frames * 1e6:0}; on: median {with[rounds / 2] / Frames * 1e6:0}, fastest {with[0] / Frames * 1e6:0} (fastest on/off {with[0] / without[0]:0.000}); {bench._with.Processor.Flows.FlowsCreated / (rounds + 3)} flows per run; detector tables {bench._detectors!.MemoryBytes / 1048576.0:0.0} MiB"));
            Console.WriteLine(System.FormattableString.Invariant(
                $"ratio on/off over {rounds} alternating rounds: median {ratios[rounds / 2]:0.000}, min {ratios[0]:0.000}, max {ratios[^1]:0.000}"));
            Console.WriteLine(System.FormattableString.Invariant(
                $"thread CPU time ratio on/off: median {cpuRatios[rounds / 2]:0.000}, quartiles {cpuRatios[rounds / 4]:0.000}-{cpuRatios[rounds * 3 / 4]:0.000} (less disturbed by other processes than wall time)"));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <summary>Only one loop, <paramref name="rounds"/> times after a warm-up: for a profiler, whose samples of the two sides would mix in one process.</summary>
    /// <param name="detectors">Run the loop with the detectors (else the one without).</param>
    /// <param name="rounds">Passes over the frames.</param>
    /// <param name="only">As in <see cref="CompareAlternating"/>.</param>
    public static void RunOneSide(bool detectors, int rounds, IReadOnlyCollection<string> only)
    {
        var bench = new DetectorBenchmarks { _only = only };
        bench.Setup();
        try
        {
            Action run = detectors ? bench.WithDetectors : bench.WithoutDetectors;
            for (var warm = 0; warm < 5; warm++)
                run();
            var (wall, cpu) = Time(() =>
            {
                for (var round = 0; round < rounds; round++)
                    run();
            });
            Console.WriteLine(System.FormattableString.Invariant(
                $"detectors {(detectors ? "on" : "off")}: {rounds} passes, {wall / rounds / Frames * 1e6:0} ns/packet wall, {cpu / rounds / Frames * 1e6:0} CPU"));
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <returns>Wall and thread CPU milliseconds.</returns>
    private static (double Wall, double Cpu) Time(Action run)
    {
        var cpu = ThreadCpuClock.Milliseconds();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        run();
        return (watch.Elapsed.TotalMilliseconds, ThreadCpuClock.Milliseconds() - cpu);
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
        // An hour later each pass: on the same timestamps packet time would go backwards, and windows (the detectors'
        // activity filter among them) would never close, which no real capture does.
        _source.Rewind(TimeSpan.FromHours(1));
        loop.Run(CancellationToken.None);
    }

    private DetectionLoop Create(IReadOnlyList<RustIds.Rules.Rule> rules, bool detectors)
    {
        var loop = CreateLoop(_source, rules, detectors, _only, out var set);
        _detectors ??= set;
        return loop;
    }

    /// <summary>A worker loop over <paramref name="source"/> with <paramref name="rules"/>, with or without the detectors (only <paramref name="only"/> when given).</summary>
    internal static DetectionLoop CreateLoop(MemoryPacketSource source, IReadOnlyList<RustIds.Rules.Rule> rules, bool detectors, IReadOnlyCollection<string> only,
        out DetectorSet? set)
    {
        var compiled = new RustIds.Rules.CompiledRuleSet(rules);
        var evaluator = compiled.CreateEvaluator();
        var counters = new PipelineCounters();
        var queue = Channel.CreateBounded<WorkerOutput>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropWrite });
        var options = new DetectorOptions();
        if (only.Count > 0)
        {
            options.PortScan.Enabled = only.Contains("PortScan");
            options.SynFlood.Enabled = only.Contains("SynFlood");
            options.BruteForce.Enabled = only.Contains("BruteForce");
            options.DnsTunnel.Enabled = only.Contains("DnsTunnel");
            options.Icmp.Enabled = only.Contains("Icmp");
            options.Exfiltration.Enabled = only.Contains("Exfiltration");
            options.Anomaly.Enabled = only.Contains("Anomaly");
        }
        set = detectors ? new DetectorSet(options, new DetectionQueue(queue.Writer, counters)) : null;
        IAppLayerObserver observer = set is null ? evaluator : new DetectorFanout(evaluator, set);
        var processor = new PacketProcessor(source.LinkType, observer: observer, flowObserver: set);
        set?.Attach(processor.Flows);
        return new DetectionLoop(source, processor, new RuleSetHolder(compiled), evaluator, new SignatureAlertFactory("", false), queue.Writer, counters, set);
    }
}
