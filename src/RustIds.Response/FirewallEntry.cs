using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>One target the firewall currently blocks or rate-limits, as read back from it.</summary>
/// <param name="Target">The address (/32, /128) or prefix.</param>
/// <param name="Action">Which set it sits in.</param>
/// <param name="Timeout">The timeout it was added with; null when it has none (permanent).</param>
/// <param name="Remaining">Time until the kernel drops it; null when permanent.</param>
public readonly record struct FirewallEntry(Cidr Target, FirewallAction Action, TimeSpan? Timeout, TimeSpan? Remaining)
{
    /// <summary>The key reconciliation compares on.</summary>
    public (Cidr Target, FirewallAction Action) Key => (Target, Action);
}
