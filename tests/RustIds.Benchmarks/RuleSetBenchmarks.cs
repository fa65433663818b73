using BenchmarkDotNet.Attributes;
using RustIds.Rules;

namespace RustIds.Benchmarks;

/// <summary>Reading (parse) and compiling (prefilter databases, address indexes) the public rule sets, as a start or a SIGHUP reload does.</summary>
[MemoryDiagnoser]
public class RuleSetBenchmarks
{
    private string[] _etOpen = [];
    private string[] _snort3 = [];
    private IReadOnlyList<Rule> _etOpenRules = [];

    [GlobalSetup]
    public void Setup()
    {
        _etOpen = Directory.GetFiles(Path.Combine(BenchmarkData.SharedData, "rules", "et-open"), "*.rules");
        _snort3 = Directory.GetFiles(Path.Combine(BenchmarkData.SharedData, "rules", "snort3-community"), "*.rules");
        _etOpenRules = new RuleFileLoader().LoadFiles(_etOpen).Rules;
    }

    [Benchmark(Description = "parse ET Open (24 827 active rules)")]
    public int ParseEtOpen() => new RuleFileLoader().LoadFiles(_etOpen).Rules.Count;

    [Benchmark(Description = "compile ET Open (prefilter, indexes)")]
    public int CompileEtOpen()
    {
        using var set = new CompiledRuleSet(_etOpenRules);
        return set.Count;
    }

    [Benchmark(Description = "parse + compile Snort 3 community")]
    public int Snort3()
    {
        using var set = new CompiledRuleSet(new RuleFileLoader().LoadFiles(_snort3).Rules);
        return set.Count;
    }
}
