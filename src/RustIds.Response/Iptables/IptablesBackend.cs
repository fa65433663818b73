using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Iptables;

/// <summary>Blocks and rate-limits with iptables + ipset: chain <c>RUSTIDS</c> in <c>filter</c> of both families, <c>rustids_*</c> sets.</summary>
/// <remarks>
/// <para>
/// Layout, the same as <see cref="NftablesBackend"/>: <c>INPUT</c> and <c>FORWARD</c> jump to
/// <c>RUSTIDS</c> as their first rule (and <c>OUTPUT</c> to <c>RUSTIDS_OUT</c> with
/// <see cref="FirewallOptions.HookOutput"/>). <c>RUSTIDS</c> returns for the allowlist sets, drops
/// blocked addresses (<c>hash:ip</c>) and prefixes (<c>hash:net</c>), drops what rate-limited
/// sources send above the rate (<c>hashlimit</c> per source address), then drops every
/// push-to-firewall feed set. Chains are rewritten with <c>iptables-restore --noflush</c> (one
/// transaction per family); set contents change through one <c>ipset restore</c> per call.
/// </para>
/// <para>
/// Atomicity: allowlist and feed replacements are built in a temporary set and swapped in, so the
/// kernel switches in one step. <c>ipset restore</c> itself is not transactional: it stops at the
/// first failing line and keeps the lines before it. <see cref="ApplyAsync"/> therefore leaves
/// nothing to fail on the content: set names come from a fixed table, targets are typed and sent
/// to the set of their family, timeouts are capped to ipset's range, and <c>-exist</c> makes
/// re-adding and removing absent targets no-ops. What remains is the environment (a set removed
/// behind our back, a full set, kernel memory); then the exception names the line ipset stopped at
/// and how many changes before it took effect, and nothing is undone: an undo cannot know the
/// timeouts the earlier lines replaced; the block manager reconciles the firewall with the store right
/// after a refused batch, which puts the previous state back.
/// </para>
/// Callers serialise calls. Only our chains, the jumps to them and <c>rustids_*</c> sets are touched.
/// </remarks>
public sealed class IptablesBackend : IFirewallBackend
{
    private static readonly bool[] Families = [false, true];
    private static readonly TimeSpan SetBusyRetryDelay = TimeSpan.FromMilliseconds(100);
    private const int SetBusyAttempts = 20;

    private readonly FirewallOptions _options;
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;

    /// <summary>Creates the backend; validates <paramref name="options"/>.</summary>
    public IptablesBackend(FirewallOptions options, ILogger<IptablesBackend>? logger = null)
    {
        FirewallOptions.ThrowIfInvalid(options);
        _options = options;
        _runner = new ProcessRunner(options.NetworkNamespace, options.IpPath);
        _logger = logger ?? NullLogger<IptablesBackend>.Instance;
    }

    /// <inheritdoc/>
    public string Name => "iptables";

    /// <inheritdoc/>
    /// <remarks>Creates the sets that are missing (keeping the members of those present), then rewrites both chains and the jumps per family.</remarks>
    public async Task SetupAsync(CancellationToken cancellationToken = default)
    {
        var names = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var create = new StringBuilder();
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            if (!names.Contains(IpsetLayout.Allow(v6)))
                create.Append(IpsetLayout.CreateListLine(IpsetLayout.Allow(v6), v6, 0)).Append('\n');
        }
        foreach (var set in IpsetLayout.TargetSets)
        {
            if (!names.Contains(set.Name))
                create.Append(IpsetLayout.CreateLine(set)).Append('\n');
        }
        if (create.Length > 0)
            await RunIpsetRestoreAsync(create.ToString(), cancellationToken).ConfigureAwait(false);

        var feeds = FeedsOf(names);
        foreach (var v6 in Families)
        {
            var current = await ListRulesAsync(v6, cancellationToken).ConfigureAwait(false);
            await RunRestoreAsync(v6, IptablesScript.BuildChains(_options, v6, feeds, current), cancellationToken).ConfigureAwait(false);
        }
        ResponseLog.FirewallReady(_logger, Name, IptablesScript.Chain);
    }

    /// <inheritdoc/>
    /// <remarks>One <c>ipset -exist restore</c> for the whole batch; see the class remarks for what a failure midway leaves.</remarks>
    public async Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return;
        var script = IpsetScript.BuildChanges(changes);
        var result = await _runner.RunAsync(_options.IpsetPath, ["-exist", "restore"], script, _options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var stderr = result.StandardError.Trim();
            var line = IpsetOutputParser.ParseErrorLine(stderr);
            var applied = line is { } n ? Math.Clamp(n - 1, 0, changes.Count) : 0;
            ResponseLog.IptablesBatchPartial(_logger, line ?? 0, changes.Count, applied);
            throw new FirewallCommandException(
                $"ipset restore failed at line {line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of {changes.Count}; "
                + $"the {applied} changes before it are in effect: {stderr}",
                _options.IpsetPath, ["-exist", "restore"], result.ExitCode, stderr, IsTransient(stderr));
        }
        ResponseLog.BatchApplied(_logger, changes.Count, result.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    /// <exception cref="FirewallCommandException">A target set is missing (setup not done) or ipset failed.</exception>
    public async Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<FirewallEntry>();
        foreach (var set in IpsetLayout.TargetSets)
        {
            var result = await _runner.RunAsync(_options.IpsetPath, ["list", set.Name, "-output", "save"], null, _options.CommandTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var stderr = result.StandardError.Trim();
                var missing = stderr.Contains("does not exist", StringComparison.Ordinal);
                throw new FirewallCommandException(
                    missing ? $"ipset {set.Name} does not exist: the iptables backend is not set up." : $"ipset list {set.Name} failed: {stderr}",
                    _options.IpsetPath, ["list", set.Name, "-output", "save"], result.ExitCode, stderr, IsTransient(stderr));
            }
            IpsetOutputParser.ParseSave(result.StandardOutput, set.Action, entries);
        }
        return entries;
    }

    /// <inheritdoc/>
    public async Task ReplaceAllowlistAsync(CidrSet allowed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var names = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        await ReplaceListSetsAsync(names, IpsetLayout.Allow, IpsetLayout.TempAllow, allowed, cancellationToken).ConfigureAwait(false);
        ResponseLog.IptablesAllowlistReplaced(_logger, allowed.RangeCount, stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task ReplaceFeedSetAsync(FeedSetName feed, CidrSet entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var feeds = FeedsOf(names);
        var isNew = !feeds.Contains(feed);
        var stopwatch = Stopwatch.StartNew();
        await ReplaceListSetsAsync(names, v6 => IpsetLayout.Feed(feed, v6), v6 => IpsetLayout.TempFeed(feed, v6), entries, cancellationToken)
            .ConfigureAwait(false);
        if (isNew)
        {
            feeds.Add(feed);
            await RewriteChainsAsync(feeds, cancellationToken).ConfigureAwait(false);
        }
        ResponseLog.FeedSetReplaced(_logger, feed.Value, entries.RangeCount, stopwatch.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task RemoveFeedSetAsync(FeedSetName feed, CancellationToken cancellationToken = default)
    {
        var names = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var sets = new List<string>(2);
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            if (names.Contains(IpsetLayout.Feed(feed, v6)))
                sets.Add(IpsetLayout.Feed(feed, v6));
        }
        if (sets.Count == 0)
            return;
        var feeds = FeedsOf(names);
        feeds.Remove(feed);
        // The rules go first: a set a rule still references cannot be destroyed.
        if (names.Contains(IpsetLayout.Allow(v6: false)))
            await RewriteChainsAsync(feeds, cancellationToken).ConfigureAwait(false);
        await DestroySetsAsync(sets, cancellationToken).ConfigureAwait(false);
        ResponseLog.IptablesFeedSetRemoved(_logger, feed.Value);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FeedSetInfo>> ListFeedSetsAsync(CancellationToken cancellationToken = default)
    {
        var result = await _runner.RunCheckedAsync(_options.IpsetPath, ["list", "-terse"], null, _options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        var counts = IpsetOutputParser.ParseEntryCounts(result.StandardOutput);
        var infos = new List<FeedSetInfo>();
        foreach (var feed in FeedsOf(counts.Keys))
        {
            var entries = counts.GetValueOrDefault(IpsetLayout.Feed(feed, v6: false)) + counts.GetValueOrDefault(IpsetLayout.Feed(feed, v6: true));
            infos.Add(new FeedSetInfo(feed, entries));
        }
        return infos;
    }

    /// <inheritdoc/>
    /// <remarks>Removes the jumps and our chains in each family, then destroys every <c>rustids_*</c> set.</remarks>
    public async Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        foreach (var v6 in Families)
        {
            var current = await ListRulesAsync(v6, cancellationToken).ConfigureAwait(false);
            if (IptablesScript.BuildTeardown(current) is { } script)
                await RunRestoreAsync(v6, script, cancellationToken).ConfigureAwait(false);
        }
        var names = await ListSetNamesAsync(cancellationToken).ConfigureAwait(false);
        var ours = names.Where(n => n.StartsWith(IpsetLayout.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (ours.Count > 0)
            await DestroySetsAsync(ours, cancellationToken).ConfigureAwait(false);
        ResponseLog.FirewallRemoved(_logger, Name, IptablesScript.Chain);
    }

    /// <summary>Fills a temporary set per family and swaps it in, all in one <c>ipset restore</c>.</summary>
    private async Task ReplaceListSetsAsync(
        HashSet<string> names, Func<bool, string> setName, Func<bool, string> tempName, CidrSet networks, CancellationToken cancellationToken)
    {
        var script = new StringBuilder(networks.RangeCount * 36 + 256);
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            // A temporary set left by an interrupted replacement may have another capacity; start afresh.
            if (names.Contains(tempName(v6)))
                script.Append("destroy ").Append(tempName(v6)).Append('\n');
            IpsetScript.AppendReplace(script, setName(v6), tempName(v6), v6, IpsetScript.NetworksOf(networks, v6), names.Contains(setName(v6)));
        }
        await RunIpsetRestoreAsync(script.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites our chains in both families (after the feed sets changed), leaving the jumps alone.</summary>
    private async Task RewriteChainsAsync(IReadOnlyCollection<FeedSetName> feeds, CancellationToken cancellationToken)
    {
        foreach (var v6 in Families)
            await RunRestoreAsync(v6, IptablesScript.BuildChains(_options, v6, feeds, currentRules: null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Destroys sets, retrying while the kernel still holds a reference from rules just removed.</summary>
    /// <remarks>iptables-nft releases the set reference of a deleted rule after the transaction, asynchronously.</remarks>
    private async Task DestroySetsAsync(IReadOnlyList<string> sets, CancellationToken cancellationToken)
    {
        foreach (var set in sets)
        {
            for (var attempt = 1; ; attempt++)
            {
                var result = await _runner.RunAsync(_options.IpsetPath, ["destroy", set], null, _options.CommandTimeout, cancellationToken)
                    .ConfigureAwait(false);
                if (result.ExitCode == 0 || result.StandardError.Contains("does not exist", StringComparison.Ordinal))
                    break;
                if (!result.StandardError.Contains("in use by a kernel component", StringComparison.Ordinal) || attempt == SetBusyAttempts)
                {
                    var stderr = result.StandardError.Trim();
                    throw new FirewallCommandException(
                        $"ipset destroy {set} failed: {stderr}", _options.IpsetPath, ["destroy", set], result.ExitCode, stderr, IsTransient(stderr));
                }
                ResponseLog.IptablesSetBusy(_logger, set);
                await Task.Delay(SetBusyRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static List<FeedSetName> FeedsOf(IEnumerable<string> names)
    {
        var feeds = new List<FeedSetName>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            if (IpsetLayout.TryParseFeedV4(name, out var feed))
                feeds.Add(feed);
        }
        return feeds;
    }

    private async Task<HashSet<string>> ListSetNamesAsync(CancellationToken cancellationToken)
    {
        var result = await _runner.RunCheckedAsync(_options.IpsetPath, ["list", "-name"], null, _options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        return IpsetOutputParser.ParseNames(result.StandardOutput);
    }

    /// <summary>The family's <c>filter</c> table as <c>iptables -S</c> prints it.</summary>
    private async Task<string> ListRulesAsync(bool v6, CancellationToken cancellationToken)
    {
        var result = await _runner.RunCheckedAsync(v6 ? _options.Ip6tablesPath : _options.IptablesPath, ["-w", "-t", "filter", "-S"], null, _options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        return result.StandardOutput;
    }

    private Task<ProcessResult> RunRestoreAsync(bool v6, string script, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(
            v6 ? _options.Ip6tablesRestorePath : _options.IptablesRestorePath, ["-w", "--noflush"], script, _options.CommandTimeout, cancellationToken);

    private Task<ProcessResult> RunIpsetRestoreAsync(string script, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(_options.IpsetPath, ["restore"], script, _options.CommandTimeout, cancellationToken);

    private static bool IsTransient(string stderr) =>
        stderr.Contains("Device or resource busy", StringComparison.Ordinal)
        || stderr.Contains("Resource temporarily unavailable", StringComparison.Ordinal);
}
