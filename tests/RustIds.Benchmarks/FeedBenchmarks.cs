using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds;

namespace RustIds.Benchmarks;

/// <summary>
/// Feed loading and address-set lookups at feed scale. Targets (issue #5): a 1 000 000-line feed
/// parses in under 1 s; <see cref="CidrSet.Contains"/> does at least 10 M random IPv4 lookups/s on a
/// 1 000 000-entry set. Lookup ops are <see cref="Lookups"/> lookups each (half hits, half random).
/// </summary>
[MemoryDiagnoser]
public class FeedBenchmarks
{
    private const int FeedLines = 1_000_000;
    private const int SetEntries = 1_000_000;
    private const int Lookups = 4096;

    private readonly IpAddr[] _lookups = new IpAddr[Lookups];
    private string _feed = "";
    private string _ipsumFeed = "";
    private CidrSet _set = CidrSet.Empty;
    private uint[] _starts = [];
    private uint[] _ends = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _feed = GenerateFeed(random, FeedLines, withCounts: false);
        _ipsumFeed = GenerateFeed(random, FeedLines, withCounts: true);

        var builder = new CidrSetBuilder();
        var entries = new Cidr[SetEntries];
        for (var i = 0; i < SetEntries; i++)
        {
            // Mostly single addresses like IPsum, some networks like DROP.
            var prefix = i % 8 == 0 ? random.Next(20, 32) : 32;
            entries[i] = new Cidr(IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32)), prefix);
            builder.Add(entries[i]);
        }
        _set = builder.Build();
        var ranges = _set.ToCidrs().Select(c => (Start: (uint)c.Network.V4Value, End: c.Network.V4Value | (c.PrefixLength == 32 ? 0 : uint.MaxValue >> c.PrefixLength))).ToArray();
        _starts = ranges.Select(r => r.Start).ToArray();
        _ends = ranges.Select(r => r.End).ToArray();
        for (var i = 0; i < Lookups; i++)
        {
            _lookups[i] = i % 2 == 0
                ? entries[random.Next(SetEntries)].Network
                : IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// 1M-entry set: {_set.V4RangeCount} IPv4 ranges, MemoryBytes = {_set.MemoryBytes} ({_set.MemoryBytes / 1048576.0:F1} MiB); feed text {_feed.Length / 1048576.0:F1} Mi chars"));
    }

    [Benchmark(Description = "parse 1M-line plain feed")]
    public int ParsePlain() => FeedParser.Parse("bench", "bench.txt", _feed, new FeedParseOptions()).Entries;

    [Benchmark(Description = "parse 1M-line IPsum feed (counts)")]
    public int ParseIpsum() => FeedParser.Parse("bench", "ipsum.txt", _ipsumFeed, new FeedParseOptions { Format = FeedFormat.Ipsum }).Entries;

    [Benchmark(Description = "CidrSet.Contains x4096, 1M entries", OperationsPerInvoke = 1)]
    public int Contains()
    {
        var found = 0;
        var set = _set;
        foreach (var address in _lookups)
        {
            if (set.Contains(address))
                found++;
        }
        return found;
    }

    [Benchmark(Baseline = true, Description = "plain binary search x4096, same ranges")]
    public int BinarySearchBaseline()
    {
        var found = 0;
        foreach (var address in _lookups)
        {
            var value = address.V4Value;
            int low = 0, high = _starts.Length - 1, at = -1;
            while (low <= high)
            {
                var mid = low + ((high - low) >> 1);
                if (_starts[mid] <= value)
                {
                    at = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            if (at >= 0 && value <= _ends[at])
                found++;
        }
        return found;
    }

    // Public addresses and networks (first octet 1-223 minus the reserved /8s), 2% IPv6, a comment
    // every 1000 lines, CRLF every other line: the mix real feeds have.
    private static string GenerateFeed(Random random, int lines, bool withCounts)
    {
        var text = new StringBuilder(lines * 18);
        for (var i = 0; i < lines; i++)
        {
            if (i % 1000 == 0)
            {
                text.Append("# generated line ").Append(i).Append('\n');
                continue;
            }
            int first;
            do
            {
                first = random.Next(1, 224);
            }
            while (first is 10 or 100 or 127 or 169 or 172 or 192);
            if (i % 50 == 0)
                text.Append(CultureInfo.InvariantCulture, $"2a0{random.Next(10)}:{random.Next(0x10000):x}:{random.Next(0x10000):x}::{random.Next(0x10000):x}");
            else
                text.Append(first).Append('.').Append(random.Next(256)).Append('.').Append(random.Next(256)).Append('.').Append(random.Next(256));
            if (!withCounts && i % 4 == 0)
                text.Append('/').Append(random.Next(16, 33));
            if (withCounts)
                text.Append('\t').Append(random.Next(1, 11));
            text.Append(i % 2 == 0 ? "\r\n" : "\n");
        }
        return text.ToString();
    }
}
