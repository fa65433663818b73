using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Response;

/// <summary>Blocks addresses with nftables: table <c>inet rustids</c>, timeout sets, drop rules.</summary>
/// <remarks>
/// Every change is one transaction through <c>nft -f -</c> on stdin, so a batch applies fully or
/// not at all. Only the <c>inet rustids</c> table is ever touched. Not thread-safe for
/// overlapping calls that depend on each other; <see cref="BlockManager"/> serialises them.
/// </remarks>
public sealed class NftablesBackend : IFirewallBackend
{
    /// <summary>The table family and name this backend owns.</summary>
    public const string Table = "inet rustids";

    /// <summary>Set holding blocked IPv4 addresses.</summary>
    public const string SetV4 = "block_v4";

    /// <summary>Set holding blocked IPv6 addresses.</summary>
    public const string SetV6 = "block_v6";

    private static readonly string[] SetNames = [SetV4, SetV6];

    private readonly FirewallOptions _options;
    private readonly ProcessRunner _runner;
    private readonly ILogger _logger;

    /// <summary>Creates the backend; validates <paramref name="options"/>.</summary>
    public NftablesBackend(FirewallOptions options, ILogger<NftablesBackend>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid firewall options:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(options));
        _options = options;
        _runner = new ProcessRunner(options.NetworkNamespace, options.IpPath);
        _logger = logger ?? NullLogger<NftablesBackend>.Instance;
    }

    /// <inheritdoc/>
    public string Name => "nftables";

    /// <inheritdoc/>
    public async Task SetupAsync(CancellationToken cancellationToken = default)
    {
        await RunBatchAsync(BuildSetupScript(_options.ChainPriority), cancellationToken).ConfigureAwait(false);
        ResponseLog.FirewallReady(_logger, Name, Table);
    }

    /// <inheritdoc/>
    public async Task ApplyAsync(IReadOnlyList<FirewallChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
            return;
        var result = await RunBatchAsync(BuildChangeScript(changes), cancellationToken).ConfigureAwait(false);
        ResponseLog.BatchApplied(_logger, changes.Count, result.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FirewallEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<FirewallEntry>();
        foreach (var set in SetNames)
        {
            var result = await _runner.RunCheckedAsync(
                _options.NftPath, ["-j", "list", "set", "inet", "rustids", set], null, _options.CommandTimeout, cancellationToken)
                .ConfigureAwait(false);
            NftSetJsonParser.Parse(result.StandardOutput, entries);
        }
        return entries;
    }

    /// <inheritdoc/>
    public async Task TeardownAsync(CancellationToken cancellationToken = default)
    {
        // "add" first makes the delete succeed when the table is already gone (nft 1.0.6 has no "destroy").
        await RunBatchAsync($"add table {Table}\ndelete table {Table}\n", cancellationToken).ConfigureAwait(false);
        ResponseLog.FirewallRemoved(_logger, Name, Table);
    }

    /// <summary>The setup transaction: creates what is missing, rewrites our rules, keeps set elements.</summary>
    internal static string BuildSetupScript(int priority)
    {
        var p = priority.ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder();
        script.Append("add table ").Append(Table).Append('\n');
        script.Append("add set ").Append(Table).Append(' ').Append(SetV4).Append(" { type ipv4_addr; flags timeout; }\n");
        script.Append("add set ").Append(Table).Append(' ').Append(SetV6).Append(" { type ipv6_addr; flags timeout; }\n");
        foreach (var (chain, hook) in (ReadOnlySpan<(string, string)>)[("input", "input"), ("forward", "forward")])
        {
            script.Append("add chain ").Append(Table).Append(' ').Append(chain)
                .Append(" { type filter hook ").Append(hook).Append(" priority ").Append(p).Append("; policy accept; }\n");
            script.Append("flush chain ").Append(Table).Append(' ').Append(chain).Append('\n');
            // No "ct state established accept" before these: connections the offender already
            // has open are dropped too.
            script.Append("add rule ").Append(Table).Append(' ').Append(chain).Append(" ip saddr @").Append(SetV4).Append(" drop\n");
            script.Append("add rule ").Append(Table).Append(' ').Append(chain).Append(" ip6 saddr @").Append(SetV6).Append(" drop\n");
        }
        return script.ToString();
    }

    /// <summary>One transaction for all changes, in order.</summary>
    /// <remarks>
    /// nft's <c>add element</c> keeps the old timeout of an element that exists, and
    /// <c>delete element</c> fails for one that does not. So every change starts with a plain
    /// <c>add</c> (no-op when present) and a <c>delete</c> (now always succeeds); an Add then
    /// re-adds with the new timeout. Addresses and numbers come from typed values only.
    /// </remarks>
    internal static string BuildChangeScript(IReadOnlyList<FirewallChange> changes)
    {
        var script = new StringBuilder(changes.Count * 160);
        foreach (var change in changes)
        {
            var set = change.Address.IsV4 ? SetV4 : SetV6;
            var address = change.Address.ToString();
            script.Append("add element ").Append(Table).Append(' ').Append(set).Append(" { ").Append(address).Append(" }\n");
            script.Append("delete element ").Append(Table).Append(' ').Append(set).Append(" { ").Append(address).Append(" }\n");
            if (change.Kind == FirewallChangeKind.Add)
            {
                script.Append("add element ").Append(Table).Append(' ').Append(set).Append(" { ").Append(address)
                    .Append(" timeout ").Append(change.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)).Append("s }\n");
            }
        }
        return script.ToString();
    }

    private Task<ProcessResult> RunBatchAsync(string script, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(_options.NftPath, ["-f", "-"], script, _options.CommandTimeout, cancellationToken);
}
