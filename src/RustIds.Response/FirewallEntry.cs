using RustIds.Packets;

namespace RustIds.Response;

/// <summary>One address the firewall currently blocks, as read back from it.</summary>
/// <param name="Address">The blocked address.</param>
/// <param name="Timeout">The timeout it was added with; null when it has none (permanent).</param>
/// <param name="Remaining">Time until the kernel drops it; null when permanent.</param>
public readonly record struct FirewallEntry(IpAddr Address, TimeSpan? Timeout, TimeSpan? Remaining);
