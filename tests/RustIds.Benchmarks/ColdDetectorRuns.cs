using System.Globalization;
using System.Runtime.InteropServices;
using RustIds.Engine.Loading;
using RustIds.Engine.Pipeline;
using RustIds.Packets;

namespace RustIds.Benchmarks;

/// <summary>
/// What the detectors add to one pass over a whole capture, as a replay sees it: every round builds the worker loop
/// afresh (detectors' tables untouched, their first touches and page faults included), runs it over the frames held in
/// memory, once with and once without the detectors (alternating which goes first), and compares the thread's CPU time.
/// </summary>
/// <remarks>
/// Unlike <c>detectors-ab</c>, whose loops are warm and whose hosts come back every pass, here most clients are seen
/// once and the tables evict all the time, as in a replay of the bench capture; unlike <c>replay-ab</c>, nothing but the
/// worker thread is timed (no reading, no EVE writer, no start-up), so the difference is the detectors' and less of the noise.
/// </remarks>
internal static partial class ColdDetectorRuns
{
    /// <param name="rounds">Rounds of both runs.</param>
    /// <param name="only">Detector families to keep on; all when empty.</param>
    /// <param name="frames">Frames of the 1M-packet bench capture to use (artifacts/bench/mixed-1000000-seed1.pcap).</param>
    public static void Compare(int rounds, IReadOnlyCollection<string> only, int frames)
    {
        var path = Path.Combine(BenchmarkData.RepoRoot, "artifacts", "bench", "mixed-1000000-seed1.pcap");
        if (!File.Exists(path))
            throw new FileNotFoundException("run ./scripts/bench.sh replay-ab once (it generates the capture), or copy it", path);
        using var source = new MemoryPacketSource();
        using (var file = PcapFileSource.Open(path))
        {
            while (source.Count < frames && file.ReadNext(out var frame) == PacketReadResult.Packet)
                source.Add(frame.Data.ToArray(), frame.TimestampTicks);
        }
        var rules = RuleSetLoader.Load(new Engine.Configuration.RulesOptions { Files = [Path.Combine(BenchmarkData.RepoRoot, "rules", "local.rules")] }).Rules;
        var off = new List<Sample>();
        var on = new List<Sample>();
        Run(source, rules, detectors: true, only);
        Run(source, rules, detectors: false, only);
        for (var round = 0; round < rounds; round++)
        {
            var first = round % 2 == 0;
            var a = Run(source, rules, detectors: !first, only);
            var b = Run(source, rules, detectors: first, only);
            off.Add(first ? a : b);
            on.Add(first ? b : a);
        }
        var n = source.Count;
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        var cpuDiff = on.Zip(off, (x, y) => x.CpuMs - y.CpuMs).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold passes over {n} frames, {rounds} alternating rounds, {(only.Count == 0 ? "every detector" : string.Join(',', only))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thread CPU ms: off median {Median(off.Select(s => s.CpuMs)):0.0}, on median {Median(on.Select(s => s.CpuMs)):0.0}; per-round on-off median {Median(cpuDiff):0.0} ms ({Median(cpuDiff) / n * 1e6:0} ns/packet), quartiles {Quartile(cpuDiff, 1):0.0}-{Quartile(cpuDiff, 3):0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per-round CPU ratio on/off median {Median(on.Zip(off, (x, y) => x.CpuMs / y.CpuMs)):0.000}; wall ratio median {Median(on.Zip(off, (x, y) => x.WallMs / y.WallMs)):0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"thread minor page faults: off median {Median(off.Select(s => (double)s.Faults)):0}, on median {Median(on.Select(s => (double)s.Faults)):0}"));
    }

    private static double Quartile(List<double> values, int quarter)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, sorted.Count * quarter / 4)];
    }

    private static Sample Run(MemoryPacketSource source, IReadOnlyList<RustIds.Rules.Rule> rules, bool detectors, IReadOnlyCollection<string> only)
    {
        var loop = DetectorBenchmarks.CreateLoop(source, rules, detectors, only, out _);
        source.Rewind();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var faults = MinorFaults();
        var cpu = ThreadCpuClock.Milliseconds();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        loop.Run(CancellationToken.None);
        var sample = new Sample(watch.Elapsed.TotalMilliseconds, ThreadCpuClock.Milliseconds() - cpu, MinorFaults() - faults);
        GC.KeepAlive(loop);
        return sample;
    }

    private readonly record struct Sample(double WallMs, double CpuMs, long Faults);

    private static long MinorFaults() => GetResourceUsage(RusageThread, out var usage) == 0 ? usage.MinorFaults : 0;

    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResident;
        public long SharedText;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockIn;
        public long BlockOut;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);
}
