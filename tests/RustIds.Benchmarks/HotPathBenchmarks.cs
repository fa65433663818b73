using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using RustIds.Detection;
using RustIds.Engine.Configuration;
using RustIds.Engine.Loading;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Rules;

namespace RustIds.Benchmarks;

/// <summary>
/// The capture worker's loop (decode → flow → rules) over 10 200 in-memory HTTP frames; one operation is
/// the whole capture, so packets/s = 10 200 / mean.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private MemoryPacketSource _source = null!;
    private DetectionLoop _localRules = null!;
    private DetectionLoop _etOpen = null!;

    [GlobalSetup]
    public void Setup()
    {
        _source = BenchmarkData.HttpConversations(flows: 200, requestsPerFlow: 25);
        _localRules = Create(RuleSetLoader.Load(new RulesOptions { Files = [Path.Combine(BenchmarkData.RepoRoot, "rules", "local.rules")] }).Rules);
        var etFiles = Directory.GetFiles(Path.Combine(BenchmarkData.SharedData, "rules", "et-open"), "*.rules");
        _etOpen = Create(RuleSetLoader.Load(new RulesOptions { Files = [.. etFiles] }).Rules);
    }

    [Benchmark(Baseline = true, Description = "10 200 frames, local.rules")]
    public void LocalRules() => RunOnce(_localRules);

    [Benchmark(Description = "10 200 frames, ET Open")]
    public void EtOpen() => RunOnce(_etOpen);

    private void RunOnce(DetectionLoop loop)
    {
        _source.Rewind();
        loop.Run(CancellationToken.None);
    }

    private DetectionLoop Create(IReadOnlyList<Rule> rules)
    {
        var compiled = new CompiledRuleSet(rules);
        var evaluator = compiled.CreateEvaluator();
        return new(_source, new PacketProcessor(_source.LinkType, observer: evaluator), new RuleSetHolder(compiled), evaluator, new SignatureAlertFactory("", false),
            Channel.CreateBounded<WorkerOutput>(16).Writer, new PipelineCounters());
    }
}
