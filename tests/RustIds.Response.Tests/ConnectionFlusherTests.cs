using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Tests;

/// <summary><c>conntrack -D</c> for a newly blocked target, against the real connection table of a namespace.</summary>
public sealed class ConnectionFlusherTests
{
    private const string Conntrack = "/usr/sbin/conntrack";

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlushAsync_TrackedPingFromAttacker_EntriesGoneOthersKept(bool prefix)
    {
        TrafficLab.SkipUnlessAvailable("nftables");
        Skip.IfNot(File.Exists(Conntrack), $"{Conntrack} is absent (Debian package conntrack)");
        await using var lab = await TrafficLab.CreateAsync();
        // A namespace tracks connections only once some rule needs conntrack.
        await lab.Gateway.NftAsync("add", "table", "inet", "ctprobe");
        await lab.Gateway.NftAsync("add", "chain", "inet", "ctprobe", "in", "{ type filter hook input priority 0; }");
        await lab.Gateway.NftAsync("add", "rule", "inet", "ctprobe", "in", "ct", "state", "new", "counter");
        await lab.PingAsync(lab.GatewayV4, 1, 0.2);
        await lab.PingAsync(lab.GatewayV6, 1, 0.2);
        Assert.Equal(1, await CountAsync(lab, "ipv4", lab.AttackerV4));
        Assert.Equal(1, await CountAsync(lab, "ipv6", lab.AttackerV6));
        var target = prefix ? new Cidr(IpAddr.Parse(lab.AttackerV4), 24) : Cidr.Parse(lab.AttackerV4);

        var flushed = await new ConnectionFlusher(lab.Gateway.FirewallOptions()).FlushAsync(target);

        Assert.True(flushed);
        Assert.Equal(0, await CountAsync(lab, "ipv4", lab.AttackerV4));
        Assert.Equal(1, await CountAsync(lab, "ipv6", lab.AttackerV6));
        Assert.True(await new ConnectionFlusher(lab.Gateway.FirewallOptions()).FlushAsync(target), "nothing left to delete is still success");
    }

    private static async Task<int> CountAsync(TrafficLab lab, string family, string source)
    {
        var result = await lab.Gateway.Runner.RunAsync(Conntrack, ["-L", "-f", family, "-s", source], null, TimeSpan.FromSeconds(10));
        // One entry per stdout line; the "N flow entries have been shown." summary goes to stderr.
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
