using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `detectors-ab [ROUNDS] [PortScan,SynFlood,...]`: the detectors' cost as an alternating A/B (see DetectorBenchmarks.CompareAlternating).
if (args.Length > 0 && args[0] == "detectors-ab")
{
    RustIds.Benchmarks.DetectorBenchmarks.CompareAlternating(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15,
        args.Length > 2 ? args[2].Split(',') : []);
    return;
}
// `detectors-run on|off [ROUNDS] [GROUPS]`: one side only, for a profiler (perf) to compare where the time goes.
if (args.Length > 0 && args[0] == "detectors-run")
{
    RustIds.Benchmarks.DetectorBenchmarks.RunOneSide(args.Length > 1 && args[1] == "on", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 3 ? args[3].Split(',') : []);
    return;
}
// `detectors-cold [ROUNDS] [GROUPS|all] [FRAMES]`: fresh loops over the 1M-packet bench capture in memory (see ColdDetectorRuns).
if (args.Length > 0 && args[0] == "detectors-cold")
{
    RustIds.Benchmarks.ColdDetectorRuns.Compare(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21,
        args.Length > 2 && args[2] != "all" ? args[2].Split(',') : [],
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
// BenchmarkDotNet builds each job's project first; its 2-minute default ran out on the 2-core VM while others were building.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
