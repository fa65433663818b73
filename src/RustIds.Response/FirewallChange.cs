using System.Net.Sockets;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>One typed change to the block sets; a list of them is applied as one atomic batch.</summary>
public readonly record struct FirewallChange
{
    private FirewallChange(FirewallChangeKind kind, IpAddr address, TimeSpan timeout)
    {
        if (address.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException("The address must be IPv4 or IPv6.", nameof(address));
        Kind = kind;
        Address = address;
        Timeout = timeout;
    }

    /// <summary>Add or remove.</summary>
    public FirewallChangeKind Kind { get; }

    /// <summary>The address to block or unblock.</summary>
    public IpAddr Address { get; }

    /// <summary>Block duration for <see cref="FirewallChangeKind.Add"/>; zero for removals.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Blocks <paramref name="address"/> for <paramref name="timeout"/> (applied in whole seconds, at least 1 s).</summary>
    public static FirewallChange Add(IpAddr address, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(FirewallChangeKind.Add, address, timeout);
    }

    /// <summary>Unblocks <paramref name="address"/>.</summary>
    public static FirewallChange Remove(IpAddr address) => new(FirewallChangeKind.Remove, address, TimeSpan.Zero);

    /// <summary>The timeout as nft applies it: whole seconds rounded up, at least 1.</summary>
    /// <remarks>Rounded up so the kernel never releases an address before the stored expiry.</remarks>
    public long TimeoutSeconds => Math.Max(1, (long)Math.Ceiling(Timeout.TotalSeconds));

    /// <inheritdoc/>
    public override string ToString() =>
        Kind == FirewallChangeKind.Add ? $"add {Address} for {TimeoutSeconds}s" : $"remove {Address}";
}
