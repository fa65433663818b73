using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Reputation.Addresses;
using RustIds.Response.Nft;

namespace RustIds.Response;

/// <summary>Blocks and rate-limits with nftables: table <c>inet rustids</c>, timeout sets, interval sets, one check chain.</summary>
/// <remarks>
/// Layout (see docs/firewall.md): base chains <c>input</c>, <c>forward</c> (and <c>output</c> when
/// enabled) jump to <c>check</c>, which returns for the allowlist, drops blocked addresses
/// (hash sets) and prefixes (interval sets), drops what rate-limited sources send over the rate
/// (a per-source meter), then jumps to <c>feeds</c>, one drop rule per push-to-firewall feed set
/// (<see cref="NftFeedSets"/>: prefixes in an interval set, single addresses in a hash set).
/// Every change is one nft transaction (libnftables in-process, or <c>nft -f -</c> when the library
/// is unavailable or <see cref="FirewallOptions.UseLibNftables"/> is off), so it applies fully or not
/// at all. Only the <c>inet rustids</c> table is ever touched. Callers serialise calls.
/// </remarks>
public sealed class NftablesBackend : IFirewallBackend
{
    /// <summary>The table family and name this backend owns.</summary>
    public const string Table = "inet rustids";

    /// <summary>Set holding blocked IPv4 addresses.</summary>
    public const string SetV4 = "block_v4";

    /// <summary>Set holding blocked IPv6 addresses.</summary>
    public const string SetV6 = "block_v6";

    private static readonly NftSetKind[] TargetSets =
    [
        new(SetV4, FirewallAction.Block, V6: false, Interval: false),
        new(SetV6, FirewallAction.Block, V6: true, Interval: false),
        new("blocknet_v4", FirewallAction.Block, V6: false, Interval: true),
        new("blocknet_v6", FirewallAction.Block, V6: true, Interval: true),
        new("rl_v4", FirewallAction.RateLimit, V6: false, Interval: false),
        new("rl_v6", FirewallAction.RateLimit, V6: true, Interval: false),
        new("rlnet_v4", FirewallAction.RateLimit, V6: false, Interval: true),
        new("rlnet_v6", FirewallAction.RateLimit, V6: true, Interval: true),
    ];

    private readonly FirewallOptions _options;
    private readonly INftRunner _nft;
    private readonly ILogger _logger;

    /// <summary>Creates the backend; validates <paramref name="options"/>.</summary>
    public NftablesBackend(FirewallOptions options, ILogger<NftablesBackend>? logger = null)
    {
        FirewallOptions.ThrowIfInvalid(options);
        _options = options;
        _nft = options.UseLibNftables && LibNftables.IsAvailable ? LibNftablesRunner.For(options) : new NftProcessRunner(options);
        _logger = logger ?? NullLogger<NftablesBackend>.Instance;
    }

    /// <inheritdoc/>
    public string Name => "nftables";

    /// <inheritdoc/>
    public async Task SetupAsync(CancellationToken cancellationToken = default)
    {
        var sets = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        await RunBatchAsync(BuildSetupScript(_options, sets), cancellationToken).ConfigureAwait(false);
        ResponseLog.FirewallReady(_logger, Name, Table);
    }

    /// <inheritdoc/>
    public async Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return;
        var started = Stopwatch.GetTimestamp();
        await RunBatchAsync(BuildChangeScript(changes), cancellationToken).ConfigureAwait(false);
        ResponseLog.BatchApplied(_logger, changes.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<FirewallEntry>();
        foreach (var set in TargetSets)
        {
            var json = await _nft.ListJsonAsync(["list", "set", "inet", "rustids", set.Name], terse: false, cancellationToken).ConfigureAwait(false);
            NftSetJsonParser.Parse(json, set.Action, entries);
        }
        return entries;
    }

    /// <inheritdoc/>
    public Task ReplaceAllowlistAsync(CidrSet allowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var script = new StringBuilder();
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            var set = v6 ? "allow_v6" : "allow_v4";
            script.Append("flush set ").Append(Table).Append(' ').Append(set).Append('\n');
            NftElements.Append(script, Table, set, [.. allowed.ToCidrs().Where(cidr => cidr.Network.IsV6 == v6)]);
        }
        return RunBatchAsync(script.ToString(), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ReplaceFeedSetAsync(FeedSetName feed, CidrSet entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sets = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var script = new StringBuilder(entries.RangeCount * 18 + 512);
        // Rules first out, so the address set can be deleted and created again; all back in at the end.
        script.Append("flush chain ").Append(Table).Append(" feeds\n");
        NftFeedSets.AppendReplace(script, Table, feed, entries, sets);
        NftFeedSets.AppendRules(script, Table, NftFeedSets.FeedsIn(sets), sets);
        var started = Stopwatch.GetTimestamp();
        await RunBatchAsync(script.ToString(), cancellationToken).ConfigureAwait(false);
        ResponseLog.FeedSetReplaced(_logger, feed.Value, entries.RangeCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task RemoveFeedSetAsync(FeedSetName feed, CancellationToken cancellationToken = default)
    {
        var sets = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var feeds = NftFeedSets.FeedsIn(sets);
        if (!feeds.Remove(feed))
            return;
        var script = new StringBuilder();
        script.Append("flush chain ").Append(Table).Append(" feeds\n");
        NftFeedSets.AppendRules(script, Table, feeds, sets);
        NftFeedSets.AppendDelete(script, Table, feed, sets);
        await RunBatchAsync(script.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedSetInfo>> ListFeedSetsAsync(CancellationToken cancellationToken = default)
    {
        var infos = new List<FeedSetInfo>();
        var sets = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var feed in NftFeedSets.FeedsIn(sets))
        {
            var count = 0;
            foreach (var set in NftFeedSets.SetsOf(feed, sets))
            {
                var json = await _nft.ListJsonAsync(["list", "set", "inet", "rustids", set], terse: false, cancellationToken).ConfigureAwait(false);
                count += NftSetJsonParser.CountElements(json);
            }
            infos.Add(new FeedSetInfo(feed, count));
        }
        return infos;
    }

    /// <inheritdoc/>
    public async Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        // "add" first makes the delete succeed when the table is already gone (nft 1.0.6 has no "destroy").
        await RunBatchAsync($"add table {Table}\ndelete table {Table}\n", cancellationToken).ConfigureAwait(false);
        ResponseLog.FirewallRemoved(_logger, Name, Table);
    }

    /// <summary>The setup transaction: creates what is missing, rewrites our rules, keeps set elements.</summary>
    /// <param name="options">Priority, rate limit and hooks.</param>
    /// <param name="sets">The sets already in our table: the feed sets among them keep their rules.</param>
    internal static string BuildSetupScript(FirewallOptions options, IReadOnlySet<string> sets)
    {
        var p = options.ChainPriority.ToString(CultureInfo.InvariantCulture);
        var rate = options.RateLimit.PacketsPerSecond.ToString(CultureInfo.InvariantCulture);
        var burst = options.RateLimit.Burst.ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder();
        script.Append("add table ").Append(Table).Append('\n');
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            var type = v6 ? "ipv6_addr" : "ipv4_addr";
            script.Append("add set ").Append(Table).Append(" allow_").Append(Family(v6)).Append(" { type ").Append(type).Append("; flags interval; }\n");
            foreach (var set in TargetSets)
            {
                if (set.V6 != v6)
                    continue;
                script.Append("add set ").Append(Table).Append(' ').Append(set.Name).Append(" { type ").Append(type)
                    .Append(set.Interval ? "; flags interval,timeout; }\n" : "; flags timeout; }\n");
            }
            // Per-source token buckets of rate-limited sources; idle entries go after a minute.
            script.Append("add set ").Append(Table).Append(" rl_meter_").Append(Family(v6)).Append(" { type ").Append(type)
                .Append("; size 65535; flags dynamic,timeout; timeout 60s; }\n");
        }
        foreach (var chain in (ReadOnlySpan<string>)["check", "check_out", "feeds"])
        {
            script.Append("add chain ").Append(Table).Append(' ').Append(chain).Append('\n');
            script.Append("flush chain ").Append(Table).Append(' ').Append(chain).Append('\n');
        }
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            var ip = v6 ? "ip6" : "ip";
            var family = Family(v6);
            // No "ct state established accept" before these: connections the offender already
            // has open are dropped too. The allowlist returns first, so nothing below can drop it.
            Rule(script, "check", $"{ip} saddr @allow_{family} return");
            Rule(script, "check", $"{ip} saddr @block_{family} drop");
            Rule(script, "check", $"{ip} saddr @blocknet_{family} drop");
            foreach (var set in (ReadOnlySpan<string>)["rl_", "rlnet_"])
            {
                Rule(script, "check",
                    $"{ip} saddr @{set}{family} update @rl_meter_{family} {{ {ip} saddr limit rate over {rate}/second burst {burst} packets }} drop");
            }
            Rule(script, "check_out", $"{ip} daddr @allow_{family} return");
            Rule(script, "check_out", $"{ip} daddr @block_{family} drop");
            Rule(script, "check_out", $"{ip} daddr @blocknet_{family} drop");
        }
        Rule(script, "check", "jump feeds");
        NftFeedSets.AppendRules(script, Table, NftFeedSets.FeedsIn(sets), sets);

        foreach (var (chain, target) in (ReadOnlySpan<(string, string)>)[("input", "check"), ("forward", "check"), ("output", "check_out")])
        {
            if (chain == "output" && !options.HookOutput)
            {
                // Remove a hook left from an earlier setup with HookOutput on ("add" first so the delete cannot fail).
                script.Append("add chain ").Append(Table).Append(" output { type filter hook output priority ").Append(p).Append("; policy accept; }\n");
                script.Append("flush chain ").Append(Table).Append(" output\n");
                script.Append("delete chain ").Append(Table).Append(" output\n");
                continue;
            }
            script.Append("add chain ").Append(Table).Append(' ').Append(chain)
                .Append(" { type filter hook ").Append(chain).Append(" priority ").Append(p).Append("; policy accept; }\n");
            script.Append("flush chain ").Append(Table).Append(' ').Append(chain).Append('\n');
            Rule(script, chain, "jump " + target);
        }
        return script.ToString();
    }

    /// <summary>One transaction for all changes, in order.</summary>
    /// <remarks>
    /// New elements are <c>add element … timeout</c>, consecutive ones merged into one statement per
    /// set (order is kept across any other change). nft's <c>add element</c> keeps the old
    /// timeout of an element that exists, and <c>delete element</c> fails for one that does not; so a
    /// removal or a timeout refresh starts with a plain <c>add</c> (no-op when present) and a
    /// <c>delete</c> (now always succeeds), and a refresh then re-adds with the new timeout.
    /// Addresses and numbers come from typed values only.
    /// </remarks>
    internal static string BuildChangeScript(IReadOnlyList<FirewallChange> changes)
    {
        var script = new StringBuilder(changes.Count * 48);
        var run = new Dictionary<string, List<FirewallChange>>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Kind == FirewallChangeKind.Add && !change.ReplacesTimeout)
            {
                // Consecutive new elements go into one statement per set: nft parses and sends
                // 100,000 of them in well under half the time of 100,000 statements.
                var set = SetFor(change);
                if (!run.TryGetValue(set, out var elements))
                    run[set] = elements = [];
                elements.Add(change);
                continue;
            }
            AppendAdds(script, run);
            var name = SetFor(change);
            var target = change.TargetText;
            script.Append("add element ").Append(Table).Append(' ').Append(name).Append(" { ").Append(target).Append(" }\n");
            script.Append("delete element ").Append(Table).Append(' ').Append(name).Append(" { ").Append(target).Append(" }\n");
            if (change.Kind == FirewallChangeKind.Add)
            {
                script.Append("add element ").Append(Table).Append(' ').Append(name).Append(" { ").Append(target)
                    .Append(" timeout ").Append(change.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append("s }\n");
            }
        }
        AppendAdds(script, run);
        return script.ToString();
    }

    /// <summary>Writes the pending run of new elements, one <c>add element</c> per set, and empties it.</summary>
    private static void AppendAdds(StringBuilder script, Dictionary<string, List<FirewallChange>> run)
    {
        foreach (var (set, elements) in run)
        {
            script.Append("add element ").Append(Table).Append(' ').Append(set).Append(" { ");
            for (var i = 0; i < elements.Count; i++)
            {
                if (i > 0)
                    script.Append(", ");
                script.Append(elements[i].TargetText).Append(" timeout ")
                    .Append(elements[i].TimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append('s');
            }
            script.Append(" }\n");
        }
        run.Clear();
    }

    internal static string SetFor(FirewallChange change)
    {
        var prefix = (change.Action, change.IsSingleAddress) switch
        {
            (FirewallAction.Block, true) => "block_",
            (FirewallAction.Block, false) => "blocknet_",
            (_, true) => "rl_",
            _ => "rlnet_",
        };
        return prefix + Family(change.Target.Network.IsV6);
    }

    private static string Family(bool v6) => v6 ? "v6" : "v4";

    private static void Rule(StringBuilder script, string chain, string rule) =>
        script.Append("add rule ").Append(Table).Append(' ').Append(chain).Append(' ').Append(rule).Append('\n');

    /// <summary>The names of the sets in our table; empty when there is no table yet.</summary>
    /// <remarks>
    /// <c>list sets</c>, not <c>list table</c>: nft 1.0.6 fetches every element of every set for <c>-t list table</c>
    /// and only then leaves them out, which took 12 s with a 1,000,000-entry feed set; <c>-t list sets</c> takes 0.07 s.
    /// </remarks>
    private async Task<HashSet<string>> ListSetNamesAsync(CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await _nft.ListJsonAsync(["list", "sets", "table", "inet", "rustids"], terse: true, cancellationToken).ConfigureAwait(false);
        }
        catch (FirewallCommandException ex) when (ex.ExitCode is not null)
        {
            return new HashSet<string>(StringComparer.Ordinal); // no table yet
        }
        return new HashSet<string>(NftSetJsonParser.SetNames(json), StringComparer.Ordinal);
    }

    private Task RunBatchAsync(string script, CancellationToken cancellationToken) => _nft.RunScriptAsync(script, cancellationToken);

    private readonly record struct NftSetKind(string Name, FirewallAction Action, bool V6, bool Interval);
}
