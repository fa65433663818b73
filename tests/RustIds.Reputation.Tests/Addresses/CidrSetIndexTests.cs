using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Tests.Addresses;

/// <summary>The /16-indexed IPv4 search and the radix build, against brute force on random sets.</summary>
[Collection(global::RustIds.Reputation.Tests.AllocationCollection.Name)]
public sealed class CidrSetIndexTests
{
    [Theory]
    [InlineData(1, 3000, 16, 32)] // spread over the whole space, ~3 000 ranges: indexed
    [InlineData(2, 6000, 30, 32)] // dense: everything inside 203.0.0.0/15, two buckets with thousands each
    [InlineData(3, 50, 8, 32)] // small: below the index threshold, plain binary search
    [InlineData(4, 5000, 31, 32)] // /31s and /32s in 65 536 addresses across a /16 edge, many adjacent
    public void Contains_AgreesWithBruteForce(int seed, int count, int minPrefix, int maxPrefix)
    {
        var random = new Random(seed);
        var cidrs = new List<Cidr>();
        for (var i = 0; i < count; i++)
        {
            var value = seed switch
            {
                2 => 0xCB00_0000u | (uint)random.Next(0, 1 << 17),
                4 => 0x0AFF_8000u + (uint)random.Next(0, 1 << 16),
                _ => (uint)random.NextInt64(0, 1L << 32),
            };
            cidrs.Add(new Cidr(IpAddr.FromV4(value), random.Next(minPrefix, maxPrefix + 1)));
        }
        // Edges: the first and last addresses, and a range ending exactly at a /16 boundary.
        cidrs.Add(Cidr.Parse("0.0.0.0/32"));
        cidrs.Add(Cidr.Parse("255.255.255.255/32"));
        cidrs.Add(Cidr.Parse("77.77.255.0/24"));
        var builder = new CidrSetBuilder();
        foreach (var cidr in cidrs)
            builder.Add(cidr);
        var set = builder.Build();
        Assert.Equal(set.V4RangeCount >= 2048, set.IsV4Indexed);
        Assert.Equal(seed != 3, set.IsV4Indexed); // the index path is what the three large cases are for

        var probes = new List<uint> { 0, 1, uint.MaxValue, uint.MaxValue - 1, 0x4D4D_FFFF, 0x4D4E_0000, 0x4D4D_FEFF };
        foreach (var cidr in cidrs)
        {
            var first = (uint)cidr.Network.V4Value;
            var last = first | (cidr.PrefixLength == 32 ? 0 : uint.MaxValue >> cidr.PrefixLength);
            probes.AddRange([first, last, first - 1, last + 1]);
        }
        for (var i = 0; i < 20_000; i++)
            probes.Add((uint)random.NextInt64(0, 1L << 32));
        var sorted = cidrs.Select(c => (First: c.Network.V4Value, Last: c.Network.V4Value | (c.PrefixLength == 32 ? 0 : uint.MaxValue >> c.PrefixLength))).ToArray();
        foreach (var probe in probes)
        {
            var expected = sorted.Any(r => r.First <= probe && probe <= r.Last);
            Assert.True(expected == set.Contains(IpAddr.FromV4(probe)), $"{IpAddr.FromV4(probe)}: expected {expected}");
        }

        // Overlaps uses the same search: random networks against brute force.
        for (var i = 0; i < 5000; i++)
        {
            var network = new Cidr(IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32)), random.Next(8, 33));
            var first = network.Network.V4Value;
            var last = first | (network.PrefixLength == 32 ? 0 : uint.MaxValue >> network.PrefixLength);
            Assert.Equal(sorted.Any(r => r.First <= last && first <= r.Last), set.Overlaps(network));
        }
    }

    [Fact]
    public void Contains_Ipv6AgreesWithBruteForce()
    {
        var random = new Random(9);
        var cidrs = Enumerable.Range(0, 3000)
            .Select(i => new Cidr(IpAddr.FromV6(0x2001_0DB8_0000_0000UL | (uint)random.Next(0, 1 << 20), (ulong)random.NextInt64()), random.Next(40, 129)))
            .Append(Cidr.Parse("::/128"))
            .Append(Cidr.Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"))
            .ToList();
        var builder = new CidrSetBuilder();
        cidrs.ForEach(c => builder.Add(c));
        var set = builder.Build();
        var probes = cidrs.Select(c => c.Network).ToList();
        probes.Add(IpAddr.FromV6(0, 1));
        probes.Add(IpAddr.FromV6(ulong.MaxValue, ulong.MaxValue - 1));
        for (var i = 0; i < 5000; i++)
            probes.Add(IpAddr.FromV6(0x2001_0DB8_0000_0000UL | (uint)random.Next(0, 1 << 20), (ulong)random.NextInt64()));
        foreach (var probe in probes)
            Assert.Equal(cidrs.Any(c => c.Contains(probe)), set.Contains(probe));
        Assert.False(set.Contains(IpAddr.FromV4(0)));
    }

    [Fact]
    public void Build_LargeSet_RadixSortMergesLikeAReference()
    {
        var random = new Random(31);
        var builder = new CidrSetBuilder();
        var reference = new List<(ulong First, ulong Last)>();
        for (var i = 0; i < 40_000; i++)
        {
            var cidr = new Cidr(IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32)), random.Next(12, 33));
            builder.Add(cidr);
            var first = (ulong)cidr.Network.V4Value;
            reference.Add((first, first | (cidr.PrefixLength == 32 ? 0 : uint.MaxValue >> cidr.PrefixLength)));
        }
        var merged = new List<(ulong First, ulong Last)>();
        foreach (var range in reference.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            else
                merged.Add(range);
        }
        var set = builder.Build();
        Assert.Equal(merged.Count, set.V4RangeCount);
        Assert.Equal((ulong)merged.Sum(r => (long)(r.Last - r.First + 1)), set.V4AddressCount);
        Assert.Equal(40_000, set.Entries);
    }

    [Fact]
    public void MemoryBytes_GrowsWithRangesAndIndex()
    {
        Assert.True(CidrSet.Empty.MemoryBytes > 0);
        var small = new CidrSetBuilder().Add(Cidr.Parse("198.51.100.0/24")).Build();
        var builder = new CidrSetBuilder();
        for (uint i = 0; i < 4096; i++)
            builder.Add(new Cidr(IpAddr.FromV4(0x0B00_0000u + (i * 4)), 32));
        var large = builder.Build();
        Assert.Equal(4096, large.V4RangeCount);
        // 8 bytes a range plus the 65 537-int index.
        Assert.InRange(large.MemoryBytes, (4096 * 8) + (65537 * 4), (4096 * 8) + (65537 * 4) + 256);
        Assert.True(small.MemoryBytes < 200);
    }

    [Fact]
    public void Contains_IndexedSet_AllocatesNothing()
    {
        var builder = new CidrSetBuilder();
        for (uint i = 0; i < 5000; i++)
            builder.Add(new Cidr(IpAddr.FromV4(0x0B00_0000u + (i * 7919)), 32));
        var set = builder.Build();
        Assert.True(set.IsV4Indexed);
        var hit = IpAddr.FromV4(0x0B00_0000u + 7919);
        var miss = IpAddr.FromV4(0x0B00_0001u);
        var found = 0;
        var allocated = Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
                found += (set.Contains(hit) ? 1 : 0) + (set.Contains(miss) ? 1 : 0);
        });
        Assert.Equal(0, allocated);
        Assert.True(found >= 1000);
    }
}
