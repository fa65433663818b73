using Microsoft.Extensions.Logging;

namespace RustIds.Response;

/// <summary>Source-generated log messages of the response stage (event ids 3000-3099).</summary>
internal static partial class ResponseLog
{
    [LoggerMessage(3000, LogLevel.Information, "Firewall backend {Backend} ready: {Table}")]
    public static partial void FirewallReady(ILogger logger, string backend, string table);

    [LoggerMessage(3001, LogLevel.Information, "Firewall backend {Backend} removed {Table}")]
    public static partial void FirewallRemoved(ILogger logger, string backend, string table);

    [LoggerMessage(3002, LogLevel.Debug, "Applied {Count} firewall changes in {ElapsedMs:0.0} ms")]
    public static partial void BatchApplied(ILogger logger, int count, double elapsedMs);

    [LoggerMessage(3003, LogLevel.Information, "Replaced feed set {Feed}: {Ranges} ranges in {ElapsedMs:0.0} ms")]
    public static partial void FeedSetReplaced(ILogger logger, string feed, int ranges, double elapsedMs);

    [LoggerMessage(3010, LogLevel.Information, "Dry run: would create the firewall table, sets and chains")]
    public static partial void DryRunSetup(ILogger logger);

    [LoggerMessage(3011, LogLevel.Information, "Dry run: would {Change}")]
    public static partial void DryRunChange(ILogger logger, string change);

    [LoggerMessage(3012, LogLevel.Information, "Dry run: would remove the firewall table")]
    public static partial void DryRunTeardown(ILogger logger);

    [LoggerMessage(3020, LogLevel.Information, "New {Action} of {Target} until {ExpiresAt:o} (score {Score}, block {BlockId})")]
    public static partial void Blocked(ILogger logger, string action, string target, DateTimeOffset expiresAt, int score, long blockId);

    [LoggerMessage(3021, LogLevel.Information, "Extended {Action} of {Target} until {ExpiresAt:o} (score {Score}, block {BlockId})")]
    public static partial void Extended(ILogger logger, string action, string target, DateTimeOffset expiresAt, int score, long blockId);

    [LoggerMessage(3022, LogLevel.Warning, "Refused to block {Address}: allowlisted ({Reason})")]
    public static partial void RefusedAllowlisted(ILogger logger, string address, string reason);

    [LoggerMessage(3023, LogLevel.Warning, "Active block cap {Cap} reached: evicting {Address} (score {Score}) for {NewAddress} (score {NewScore})")]
    public static partial void Evicting(ILogger logger, int cap, string address, int score, string newAddress, int newScore);

    [LoggerMessage(3024, LogLevel.Warning, "Active block cap {Cap} reached: not blocking {Address} (score {Score}); every active block scores higher")]
    public static partial void RefusedCapacity(ILogger logger, int cap, string address, int score);

    [LoggerMessage(3025, LogLevel.Error, "The firewall refused a batch of {Changes} changes; the store was rolled back")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, int changes);

    [LoggerMessage(3026, LogLevel.Information, "Expired {Count} blocks")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(3027, LogLevel.Information, "Unblocked {Address}: {Reason}")]
    public static partial void Unblocked(ILogger logger, string address, string reason);

    [LoggerMessage(3028, LogLevel.Warning, "Reconciliation {Correction} {Action} of {Target}")]
    public static partial void ReconcileCorrection(ILogger logger, string correction, string action, string target);

    [LoggerMessage(3030, LogLevel.Warning, "The firewall refused a batch of {Operations} operations; applying each alone")]
    public static partial void BatchRetriedAlone(ILogger logger, Exception exception, int operations);

    [LoggerMessage(3033, LogLevel.Error, "Reconciling after a refused batch failed; the periodic reconciliation will retry")]
    public static partial void RepairFailed(ILogger logger, Exception exception);

    [LoggerMessage(3031, LogLevel.Warning, "Blocked {Members} addresses of {Prefix}: blocking the prefix instead")]
    public static partial void Aggregated(ILogger logger, string prefix, int members);

    [LoggerMessage(3032, LogLevel.Warning, "Not aggregating {Members} blocked addresses into {Prefix}: it holds an allowlisted address ({Reason})")]
    public static partial void AggregateRefused(ILogger logger, string prefix, int members, string reason);

    [LoggerMessage(3029, LogLevel.Warning, "Closing active block of {Address}: it is now allowlisted ({Reason})")]
    public static partial void ActiveBlockAllowlisted(ILogger logger, string address, string reason);

    [LoggerMessage(3040, LogLevel.Information, "iptables: replaced the allowlist sets with {Networks} networks in {ElapsedMs:0.0} ms")]
    public static partial void IptablesAllowlistReplaced(ILogger logger, int networks, double elapsedMs);

    [LoggerMessage(3041, LogLevel.Information, "iptables: removed feed set {Feed}")]
    public static partial void IptablesFeedSetRemoved(ILogger logger, string feed);

    [LoggerMessage(3042, LogLevel.Warning, "iptables: ipset restore stopped at line {Line} of a batch of {Count} changes; the {Applied} changes before it are in effect")]
    public static partial void IptablesBatchPartial(ILogger logger, int line, int count, int applied);

    [LoggerMessage(3043, LogLevel.Debug, "iptables: set {Set} still referenced by the kernel after removing our rules; retrying destroy")]
    public static partial void IptablesSetBusy(ILogger logger, string set);

    [LoggerMessage(3044, LogLevel.Debug, "iptables: moved or added the {Chain} jump to {Target} ({Family})")]
    public static partial void IptablesJumpFixed(ILogger logger, string chain, string target, string family);
}
