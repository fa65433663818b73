using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Tests.Addresses;

[Collection(global::RustIds.Reputation.Tests.AllocationCollection.Name)]
public sealed class CidrSetTests
{
    private static CidrSet Build(params string[] networks)
    {
        var builder = new CidrSetBuilder();
        foreach (var network in networks)
        {
            var cidr = Cidr.Parse(network);
            builder.Add(cidr.Network, cidr.PrefixLength);
        }
        return builder.Build();
    }

    [Theory]
    [InlineData(new[] { "10.0.0.0/25", "10.0.0.128/25" }, 1)]
    [InlineData(new[] { "10.0.0.0/8", "10.1.0.0/16", "10.2.3.4" }, 1)]
    [InlineData(new[] { "10.0.0.0/24", "10.0.2.0/24" }, 2)]
    [InlineData(new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.0" }, 1)]
    [InlineData(new[] { "255.255.255.255", "255.255.255.254", "0.0.0.0" }, 2)]
    [InlineData(new[] { "0.0.0.0/0", "1.2.3.4" }, 1)]
    [InlineData(new[] { "2001:db8::/33", "2001:db8:8000::/33" }, 1)]
    [InlineData(new[] { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0" }, 1)]
    [InlineData(new[] { "10.0.0.0/8", "2001:db8::/32" }, 2)]
    public void Build_MergesOverlappingAndAdjacent(string[] networks, int ranges)
    {
        var set = Build(networks);
        Assert.Equal(ranges, set.RangeCount);
        Assert.Equal(networks.Length, set.Entries);
    }

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("9.255.255.255", false)]
    [InlineData("192.0.2.1", true)]
    [InlineData("192.0.2.0", false)]
    [InlineData("192.0.2.2", false)]
    [InlineData("2001:db8::", true)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db9::", false)]
    [InlineData("::a00:1", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    public void Contains_Boundaries(string address, bool expected)
    {
        var set = Build("10.0.0.0/8", "192.0.2.1", "2001:db8::/32");
        Assert.Equal(expected, set.Contains(IpAddr.Parse(address)));
    }

    [Fact]
    public void Empty_ContainsNothing()
    {
        Assert.False(CidrSet.Empty.Contains(IpAddr.Parse("1.1.1.1")));
        Assert.False(CidrSet.Empty.Contains(default));
        Assert.Equal(0, new CidrSetBuilder().Build().RangeCount);
    }

    [Fact]
    public void Contains_RandomAgainstLinearScan()
    {
        var random = new Random(7);
        var cidrs = Enumerable.Range(0, 500)
            .Select(_ => new Cidr(IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32)), random.Next(16, 33)))
            .ToArray();
        var builder = new CidrSetBuilder();
        foreach (var cidr in cidrs)
            builder.Add(cidr);
        var set = builder.Build();
        for (var i = 0; i < 20_000; i++)
        {
            var address = IpAddr.FromV4((uint)random.NextInt64(0, 1L << 32));
            if (i % 2 == 0)
                address = cidrs[i % cidrs.Length].Network;
            Assert.Equal(cidrs.Any(c => c.Contains(address)), set.Contains(address));
        }
    }

    [Fact]
    public void Contains_AllocatesNothing()
    {
        var set = Build("10.0.0.0/8", "2001:db8::/32");
        var v4 = IpAddr.Parse("10.1.1.1");
        var v6 = IpAddr.Parse("2001:db8::1");
        set.Contains(v4);
        set.Contains(v6);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            set.Contains(v4);
            set.Contains(v6);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
