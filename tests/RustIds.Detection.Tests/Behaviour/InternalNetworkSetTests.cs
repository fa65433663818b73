using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class InternalNetworkSetTests
{
    private static IpAddr Parse(string text) => IpAddr.Parse(text);

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("9.255.255.255", false)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.0", false)]
    [InlineData("172.15.255.255", false)]
    [InlineData("192.168.77.1", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("fc00::1", true)]
    [InlineData("fdff:ffff::1", true)]
    [InlineData("fe00::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:10.0.0.1", true)] // read as the IPv4 address it maps
    public void Contains_ThePrivateRanges_ExactlyAtTheirEdges(string address, bool inside)
    {
        var set = new InternalNetworkSet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]);

        Assert.Equal(inside, set.Contains(Parse(address)));
    }

    [Fact]
    public void Contains_ZeroLengthPrefixes_HoldTheirWholeFamilyOnly()
    {
        var v4 = new InternalNetworkSet(["0.0.0.0/0"]);
        var v6 = new InternalNetworkSet(["::/0"]);

        Assert.True(v4.Contains(Parse("203.0.113.9")));
        Assert.False(v4.Contains(Parse("2001:db8::1")));
        Assert.True(v6.Contains(Parse("2001:db8::1")));
        Assert.False(v6.Contains(Parse("203.0.113.9")));
    }

    [Fact]
    public void Contains_BareAddress_IsAHostPrefix()
    {
        var set = new InternalNetworkSet(["198.51.100.7", "2001:db8::7"]);

        Assert.True(set.Contains(Parse("198.51.100.7")));
        Assert.False(set.Contains(Parse("198.51.100.6")));
        Assert.True(set.Contains(Parse("2001:db8::7")));
        Assert.False(set.Contains(Parse("2001:db8::6")));
    }

    /// <summary>
    /// Every prefix length of both families, near and far from each network, against a bit-by-bit comparison; and
    /// <see cref="IpAddr.IsInPrefix"/>, which shares the masks (<see cref="IpAddr.PrefixMasks"/>), agrees with it.
    /// </summary>
    [Fact]
    public void Contains_AgreesWithIsInPrefix_ForEveryLength()
    {
        var random = new Random(7);
        var checkedInside = 0;
        for (var length = 0; length <= 128; length++)
        {
            foreach (var v6 in new[] { false, true })
            {
                if (!v6 && length > 32)
                    continue;
                var network = v6 ? IpAddr.FromV6((ulong)random.NextInt64(), (ulong)random.NextInt64()) : IpAddr.FromV4((uint)random.Next());
                var set = new InternalNetworkSet([$"{network}/{length}"]);
                for (var i = 0; i < 200; i++)
                {
                    // Half the candidates differ from the network in one random bit, so both sides of the boundary are hit.
                    var bit = random.Next(v6 ? 128 : 32);
                    var candidate = i % 2 == 0 ? Flip(network, bit) : RandomAddress(random, v6);
                    var expected = SameLeadingBits(candidate, network, length);
                    Assert.Equal(expected, candidate.IsInPrefix(network, length));
                    Assert.Equal(expected, set.Contains(candidate));
                    checkedInside += expected ? 1 : 0;
                }
            }
        }
        Assert.InRange(checkedInside, 5_000, 40_000);
    }

    /// <summary>The reference: the first <paramref name="bits"/> network-order bits of both addresses, one at a time.</summary>
    private static bool SameLeadingBits(IpAddr a, IpAddr b, int bits)
    {
        Span<byte> left = stackalloc byte[16];
        Span<byte> right = stackalloc byte[16];
        a.WriteBytes(left);
        b.WriteBytes(right);
        for (var bit = 0; bit < bits; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((left[bit / 8] & mask) != (right[bit / 8] & mask))
                return false;
        }
        return true;
    }

    private static IpAddr RandomAddress(Random random, bool v6) =>
        v6 ? IpAddr.FromV6((ulong)random.NextInt64(), (ulong)random.NextInt64()) : IpAddr.FromV4((uint)random.Next());

    private static IpAddr Flip(IpAddr address, int bit)
    {
        if (address.IsV4)
            return IpAddr.FromV4(address.V4Value ^ (1u << bit));
        return bit < 64 ? IpAddr.FromV6(address.High, address.Low ^ (1UL << bit)) : IpAddr.FromV6(address.High ^ (1UL << (bit - 64)), address.Low);
    }
}
