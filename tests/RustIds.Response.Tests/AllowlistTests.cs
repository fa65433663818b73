using RustIds.Packets;

namespace RustIds.Response.Tests;

public sealed class AllowlistTests
{
    private const string RouteText =
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n" +
        "eth1\t0000000A\t0101A8C0\t0003\t0\t0\t0\t000000FF\t0\t0\t0\n";

    private const string Ipv6RouteText =
        "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n" +
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n" +
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

    private const string ResolvConf =
        "# generated\nsearch example.org\nnameserver 10.255.255.53\n; comment\nnameserver fe80::1%eth0\nnameserver not-an-ip\noptions edns0\n";

    [Fact]
    public void ParseIpv4DefaultGateways_ProcNetRoute_ReturnsOnlyDefaultGateway() =>
        Assert.Equal([IpAddr.Parse("192.0.2.1")], AllowlistSources.ParseIpv4DefaultGateways(RouteText));

    [Fact]
    public void ParseIpv6DefaultGateways_ProcNetIpv6Route_ReturnsNextHop() =>
        Assert.Equal([IpAddr.Parse("fd00::1")], AllowlistSources.ParseIpv6DefaultGateways(Ipv6RouteText));

    [Fact]
    public void ParseResolvers_ResolvConf_ReturnsNameserversWithoutZone() =>
        Assert.Equal([IpAddr.Parse("10.255.255.53"), IpAddr.Parse("fe80::1")], AllowlistSources.ParseResolvers(ResolvConf));

    [Theory]
    [InlineData("203.0.113.9 52344 192.0.2.5 22", "203.0.113.9")]
    [InlineData("2001:db8::9 52344 2001:db8::5 22", "2001:db8::9")]
    public void ParseSshClient_ValidValue_ReturnsClient(string value, string expected) =>
        Assert.Equal(IpAddr.Parse(expected), AllowlistSources.ParseSshClient(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage 1 2 3")]
    public void ParseSshClient_MissingOrInvalid_ReturnsNull(string? value) =>
        Assert.Null(AllowlistSources.ParseSshClient(value));

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.1.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("198.51.100.7", "198.51.100.7", true)]
    [InlineData("198.51.100.7", "198.51.100.8", false)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    public void IsAllowed_ConfiguredCidr_MatchesPrefix(string cidr, string address, bool expected)
    {
        var allowlist = Load(new AllowlistOptions { Cidrs = [cidr] });

        Assert.Equal(expected, allowlist.IsAllowed(IpAddr.Parse(address), out var reason));
        if (expected)
            Assert.StartsWith("configured", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidCidrs_ErrorListsEveryOne()
    {
        var ex = Assert.Throws<FormatException>(() => Load(new AllowlistOptions { Cidrs = ["10.0.0.0/33", "10.0.0.0/8", "nonsense", "::/129"] }));

        Assert.Contains("Cidrs[0] '10.0.0.0/33'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cidrs[2] 'nonsense'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cidrs[3] '::/129'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cidrs[1]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("192.0.2.1", "default gateway 192.0.2.1")]
    [InlineData("fd00::1", "default gateway fd00::1")]
    [InlineData("10.255.255.53", "resolver 10.255.255.53")]
    [InlineData("203.0.113.9", "SSH client 203.0.113.9")]
    [InlineData("192.0.2.77", "host address 192.0.2.77")]
    public void IsAllowed_AutomaticSource_AllowedWithReason(string address, string expectedReason)
    {
        var allowlist = Load(new AllowlistOptions());

        Assert.True(allowlist.IsAllowed(IpAddr.Parse(address), out var reason));
        Assert.Equal(expectedReason, reason);
    }

    [Fact]
    public void IsAllowed_ProtectionsTurnedOff_NotAllowed()
    {
        var allowlist = Load(new AllowlistOptions
        {
            ProtectLoopback = false,
            ProtectDefaultGateway = false,
            ProtectHostAddresses = false,
            ProtectResolvers = false,
            ProtectSshClient = false,
        });

        foreach (var address in new[] { "127.0.0.1", "::1", "192.0.2.1", "fd00::1", "10.255.255.53", "203.0.113.9", "192.0.2.77" })
            Assert.False(allowlist.IsAllowed(IpAddr.Parse(address), out _), address);
    }

    [Fact]
    public void IsAllowed_StrangerAddress_NotAllowed() =>
        Assert.False(Load(new AllowlistOptions()).IsAllowed(IpAddr.Parse("198.51.100.200"), out _));

    [Fact]
    public void Load_LiveSystem_ProtectsLoopbackAndOwnAddresses()
    {
        var allowlist = Allowlist.Load(new AllowlistOptions());

        Assert.True(allowlist.IsAllowed(IpAddr.Parse("127.0.0.1"), out _));
        foreach (var own in AllowlistSources.GetHostAddresses())
            Assert.True(allowlist.IsAllowed(own, out _), own.ToString());
    }

    private static Allowlist Load(AllowlistOptions options) =>
        Allowlist.Load(
            options,
            path => path switch
            {
                "/proc/net/route" => RouteText,
                "/proc/net/ipv6_route" => Ipv6RouteText,
                "/etc/resolv.conf" => ResolvConf,
                _ => string.Empty,
            },
            "203.0.113.9 52344 192.0.2.77 22",
            () => [IpAddr.Parse("192.0.2.77")]);
}
