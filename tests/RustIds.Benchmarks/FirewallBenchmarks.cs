using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Packets;
using RustIds.Reputation;
using RustIds.Reputation.Addresses;
using RustIds.Response;
using RustIds.Response.Iptables;

namespace RustIds.Benchmarks;

/// <summary>Alert-to-set-element latency: one verdict through the block manager (SQLite write, then one firewall batch). One op = one block.</summary>
/// <remarks>
/// Needs root: runs nft/iptables inside a network namespace of its own. Each iteration is one block, so the percentiles are per block.
/// The store is checkpointed every 50 ms on its second connection while the blocks run, as the daemon's expiry sweep does once a
/// second: more often than in the daemon, so the blocks meet checkpoints in progress.
/// 1000 iterations: with 300, the p99 was the third-largest sample and moved by several milliseconds between runs.
/// </remarks>
[Config(typeof(PercentileConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 1000, invocationCount: 1)]
public class FirewallLatencyBenchmarks
{
    private FirewallLab _lab = null!;
    private Timer? _sweep;
    private uint _next = 0x0A000000;

    [Params("nftables", "iptables")]
    public string Backend { get; set; } = "nftables";

    [GlobalSetup]
    public void Setup()
    {
        _lab = FirewallLab.Create(Backend, new BlockManagerOptions());
        _sweep = new Timer(_ => _lab.Store.Checkpoint(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sweep?.DisposeAsync().AsTask().GetAwaiter().GetResult(); // waits for a checkpoint in progress
        _lab.Dispose();
    }

    [Benchmark(Description = "verdict -> set element")]
    public BlockOutcome Block() =>
        _lab.Manager.BlockAsync(FirewallLab.Verdict(IpAddr.FromV4(_next++)), "bench").GetAwaiter().GetResult();

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        }
    }

    private sealed class P99Column : IColumn
    {
        public string Id => "P99";
        public string ColumnName => "P99";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => "99th percentile of the per-block latency";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? $"{statistics.Percentiles.Percentile(99) / 1_000_000:0.00} ms"
                : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

/// <summary>
/// Bulk work: 100,000 blocks through the manager, the same straight into the backend, and a 1,000,000-entry feed swapped into a
/// firewall, both into a fresh one and over another 1,000,000-entry feed already loaded (what a feed refresh does).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FirewallBulkBenchmarks
{
    private const int Blocks = 100_000;
    private FirewallLab _lab = null!;
    private Verdict[] _verdicts = null!;
    private FirewallChange[] _changes = null!;
    private CidrSet[] _feeds = null!;
    private int _feedTurn;

    [Params("nftables", "iptables")]
    public string Backend { get; set; } = "nftables";

    [GlobalSetup]
    public void Setup()
    {
        _verdicts = Enumerable.Range(0, Blocks).Select(i => FirewallLab.Verdict(IpAddr.FromV4(0x0B000000u + (uint)i))).ToArray();
        _changes = _verdicts.Select(v => FirewallChange.Add(v.Address, TimeSpan.FromHours(1))).ToArray();
        // Two different feeds of 1,000,000 random /32s, swapped in turn.
        _feeds = [RandomFeed(1), RandomFeed(2)];
    }

    [IterationSetup(Targets = [nameof(ManagerBlocks), nameof(BackendBatch), nameof(FeedSwap)])]
    public void Reset()
    {
        _lab?.Dispose();
        _lab = FirewallLab.Create(Backend, new BlockManagerOptions { MaxActiveBlocks = 200_000, MaxBatchSize = 20_000, Ipv6AggregateThreshold = 0 });
    }

    [IterationSetup(Target = nameof(FeedReplace))]
    public void ResetWithFeed()
    {
        Reset();
        _lab.Backend.ReplaceFeedSetAsync(FeedSetName.FromFeedName("bench"), _feeds[(_feedTurn + 1) % 2]).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _lab?.Dispose();

    [Benchmark(Description = "100k verdicts through the manager")]
    public int ManagerBlocks()
    {
        var outcomes = Task.WhenAll(_verdicts.Select(v => _lab.Manager.BlockAsync(v, "bench"))).GetAwaiter().GetResult();
        return outcomes.Length;
    }

    [Benchmark(Description = "100k adds, one backend batch")]
    public int BackendBatch()
    {
        _lab.Backend.ApplyAsync(_changes).GetAwaiter().GetResult();
        return _changes.Length;
    }

    [Benchmark(Description = "1M-entry feed swapped into a set")]
    public int FeedSwap()
    {
        var feed = _feeds[_feedTurn++ % 2];
        _lab.Backend.ReplaceFeedSetAsync(FeedSetName.FromFeedName("bench"), feed).GetAwaiter().GetResult();
        return feed.RangeCount;
    }

    [Benchmark(Description = "1M-entry feed replacing a loaded 1M feed")]
    public int FeedReplace() => FeedSwap();

    private static CidrSet RandomFeed(int seed)
    {
        var random = new Random(seed);
        var builder = new CidrSetBuilder();
        for (var i = 0; i < 1_000_000; i++)
            builder.Add(Cidr.Single(IpAddr.FromV4((uint)random.Next(0x01000000, int.MaxValue))));
        return builder.Build();
    }
}

/// <summary>
/// Memory of the manager with 100,000 active blocks: one op builds a manager over a store holding them
/// and loads its in-memory table (what a restart or reconciliation does), so "Allocated" is about
/// what the manager keeps (records, table, indexes) plus the read's garbage.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FirewallManagerMemoryBenchmarks
{
    private string _directory = null!;
    private BlockStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("rustids-bench-").FullName;
        _store = new BlockStore(Path.Combine(_directory, "blocks.db"));
        var now = DateTimeOffset.UtcNow;
        _store.WriteBatch(store =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                store.Add(new BlockRecord
                {
                    Target = Cidr.Single(IpAddr.FromV4(0x0B000000u + (uint)i)),
                    Score = 80,
                    ReasonsJson = """[{"Kind":"rule","Detail":"1:2001:1 bench priority 1","Points":60}]""",
                    Rules = "1:2001:1 bench x1",
                    CreatedAt = now,
                    ExpiresAt = now.AddDays(1),
                });
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "manager with 100k active blocks loaded")]
    public int Load()
    {
        var manager = new BlockManager(new DryRunBackend(NullLogger<DryRunBackend>.Instance), _store, Allowlist.LoopbackOnly,
            TimeProvider.System, NullLogger<BlockManager>.Instance, new BlockManagerOptions { MaxActiveBlocks = 200_000 });
        return manager.GetActiveAsync().GetAwaiter().GetResult().Count;
    }
}

/// <summary>A network namespace with a backend, a store and a manager in it; everything removed on dispose.</summary>
internal sealed class FirewallLab : IDisposable
{
    private readonly string _namespace;
    private readonly string _directory;

    private FirewallLab(string ns, string directory, IFirewallBackend backend, BlockStore store, BlockManager manager)
    {
        _namespace = ns;
        _directory = directory;
        Backend = backend;
        Store = store;
        Manager = manager;
    }

    public IFirewallBackend Backend { get; }

    public BlockStore Store { get; }

    public BlockManager Manager { get; }

    public static FirewallLab Create(string kind, BlockManagerOptions options)
    {
        var ns = "rids-bench-" + Guid.NewGuid().ToString("N")[..8];
        Run(FirewallOptions.ResolveIpPath(), "netns", "add", ns);
        // The 1M-entry feed takes seconds; the default 10 s command timeout is for the daemon, not for this.
        var firewall = new FirewallOptions { NetworkNamespace = ns, CommandTimeout = TimeSpan.FromMinutes(5) };
        IFirewallBackend backend = kind == "iptables" ? new IptablesBackend(firewall) : new NftablesBackend(firewall);
        backend.SetupAsync().GetAwaiter().GetResult();
        var directory = Directory.CreateTempSubdirectory("rustids-bench-").FullName;
        var store = new BlockStore(Path.Combine(directory, "blocks.db"));
        var manager = new BlockManager(backend, store, Allowlist.LoopbackOnly, TimeProvider.System, NullLogger<BlockManager>.Instance, options);
        return new FirewallLab(ns, directory, backend, store, manager);
    }

    public static Verdict Verdict(IpAddr address) => new()
    {
        Address = address,
        Action = VerdictAction.Block,
        Score = 80,
        BlockThreshold = 60,
        Duration = TimeSpan.FromHours(1),
        Reasons = [new VerdictReason("rule", "1:2001:1 bench priority 1", 60)],
    };

    public void Dispose()
    {
        Store.Dispose();
        Run(FirewallOptions.ResolveIpPath(), "netns", "delete", _namespace);
        Directory.Delete(_directory, recursive: true);
    }

    private static void Run(string executable, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, arguments) { UseShellExecute = false }) ?? throw new InvalidOperationException(executable);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }
}
