using System.Diagnostics;
using RustIds.Packets;
using Xunit.Abstractions;

namespace RustIds.Response.Tests;

public sealed class NftablesBackendTests(ITestOutputHelper output)
{
    private static readonly IpAddr V4 = IpAddr.Parse("192.0.2.10");
    private static readonly IpAddr V6 = IpAddr.Parse("2001:db8::10");

    [SkippableFact]
    public async Task SetupAsync_RunTwice_SameRulesetAndElementsKept()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());

        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromHours(1))]);
        var first = (await ns.NftAsync("-t", "list", "table", "inet", "rustids")).StandardOutput;
        await backend.SetupAsync();
        var second = (await ns.NftAsync("-t", "list", "table", "inet", "rustids")).StandardOutput;
        var input = (await ns.NftAsync("list", "chain", "inet", "rustids", "input")).StandardOutput;
        var check = (await ns.NftAsync("list", "chain", "inet", "rustids", "check")).StandardOutput;

        Assert.Equal(first, second);
        Assert.Contains("jump check", input, StringComparison.Ordinal);
        Assert.Contains("priority filter - 10", input, StringComparison.Ordinal);
        Assert.Contains("ip saddr @allow_v4 return", check, StringComparison.Ordinal);
        Assert.Contains("ip saddr @block_v4 drop", check, StringComparison.Ordinal);
        Assert.Contains("ip6 saddr @blocknet_v6 drop", check, StringComparison.Ordinal);
        Assert.Contains("ip saddr @rl_v4 update @rl_meter_v4 { ip saddr limit rate over 10/second burst 20 packets } drop", check, StringComparison.Ordinal);
        Assert.True(check.IndexOf("@allow_v4 return", StringComparison.Ordinal) < check.IndexOf("@block_v4 drop", StringComparison.Ordinal),
            "the allowlist must be checked before any drop");
        Assert.Contains(await backend.ListAsync(), e => e.Target.Network == V4);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_AddV4AndV6_ListedWithTimeouts(bool library)
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var options = ns.FirewallOptions();
        options.UseLibNftables = library;
        var backend = new NftablesBackend(options);
        await backend.SetupAsync();

        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(120))]);
        var entries = await backend.ListAsync();

        Assert.Equal(2, entries.Count);
        var v4 = Assert.Single(entries, e => e.Target.Network == V4);
        var v6 = Assert.Single(entries, e => e.Target.Network == V6);
        Assert.Equal(TimeSpan.FromSeconds(60), v4.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(120), v6.Timeout);
        Assert.InRange(v4.Remaining!.Value.TotalSeconds, 55, 60);
        Assert.InRange(v6.Remaining!.Value.TotalSeconds, 115, 120);
    }

    [SkippableFact]
    public async Task ApplyAsync_ReAddExisting_RefreshesTimeout()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(30)), FirewallChange.Add(V6, TimeSpan.FromSeconds(600))]);

        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(900)), FirewallChange.Add(V6, TimeSpan.FromSeconds(20))]);
        var entries = await backend.ListAsync();

        Assert.Equal(TimeSpan.FromSeconds(900), Assert.Single(entries, e => e.Target.Network == V4).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(entries, e => e.Target.Network == V6).Timeout);
    }

    [SkippableFact]
    public async Task ApplyAsync_RemovePresentAndAbsent_Succeeds()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        await backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(60))]);

        await backend.ApplyAsync(
        [
            FirewallChange.Remove(V4),
            FirewallChange.Remove(IpAddr.Parse("198.51.100.77")),
            FirewallChange.Remove(IpAddr.Parse("2001:db8::77")),
        ]);

        var entry = Assert.Single(await backend.ListAsync());
        Assert.Equal(V6, entry.Target.Network);
    }

    [SkippableFact]
    public async Task TeardownAsync_OtherTablePresent_RemovesOnlyOurs()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        await ns.NftAsync("add", "table", "inet", "other");
        await ns.NftAsync("add", "chain", "inet", "other", "keep");
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();

        await backend.TeardownAsync();
        await backend.TeardownAsync();

        var tables = (await ns.NftAsync("list", "tables")).StandardOutput;
        Assert.Contains("table inet other", tables, StringComparison.Ordinal);
        Assert.DoesNotContain("rustids", tables, StringComparison.Ordinal);
        Assert.Contains("chain keep", (await ns.NftAsync("list", "table", "inet", "other")).StandardOutput, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_TableMissing_ThrowsWithExitCodeAndStderr(bool library)
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var options = ns.FirewallOptions();
        options.UseLibNftables = library;
        var backend = new NftablesBackend(options);

        var ex = await Assert.ThrowsAsync<FirewallCommandException>(
            () => backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(5))]));

        Assert.Equal(1, ex.ExitCode);
        Assert.Contains("No such file or directory", ex.StandardError, StringComparison.Ordinal);
        if (library)
        {
            Assert.Equal($"libnftables (netns {ns.Name})", ex.Command);
            Assert.StartsWith("add element inet rustids block_v4 { 192.0.2.10 timeout 5s }", Assert.Single(ex.Arguments), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Root.Ip, ex.Command);
            Assert.Contains(Root.Nft, ex.Arguments);
        }
    }

    [SkippableFact]
    public async Task ApplyAsync_BatchWithOneBadChange_AppliesNothing()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        // Delete the v6 set behind the backend's back: the v6 part of the batch must fail.
        await ns.NftAsync("flush", "chain", "inet", "rustids", "check");
        await ns.NftAsync("flush", "chain", "inet", "rustids", "check_out");
        await ns.NftAsync("delete", "set", "inet", "rustids", "block_v6");

        await Assert.ThrowsAsync<FirewallCommandException>(
            () => backend.ApplyAsync([FirewallChange.Add(V4, TimeSpan.FromSeconds(60)), FirewallChange.Add(V6, TimeSpan.FromSeconds(60))]));

        var v4Set = (await ns.NftAsync("list", "set", "inet", "rustids", "block_v4")).StandardOutput;
        Assert.DoesNotContain("192.0.2.10", v4Set, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ApplyAsync_ThousandAdds_OneBatchMeasured()
    {
        Root.SkipUnlessAvailable();
        await using var ns = await TestNamespace.CreateAsync();
        var backend = new NftablesBackend(ns.FirewallOptions());
        await backend.SetupAsync();
        var changes = Enumerable.Range(0, 1000)
            .Select(i => FirewallChange.Add(IpAddr.FromV4(0xC6120000u + (uint)i), TimeSpan.FromMinutes(10)))
            .ToArray();

        var stopwatch = Stopwatch.StartNew();
        await backend.ApplyAsync(changes);
        var addElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        await backend.ApplyAsync(changes); // every address present: the refresh path
        var refreshElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        var entries = await backend.ListAsync();
        var listElapsed = stopwatch.Elapsed;

        Assert.Equal(1000, entries.Count);
        output.WriteLine($"1000 adds: {addElapsed.TotalMilliseconds:0} ms; 1000 refreshes: {refreshElapsed.TotalMilliseconds:0} ms; list: {listElapsed.TotalMilliseconds:0} ms");
    }
}
