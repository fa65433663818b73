using RustIds.Packets;

namespace RustIds.Reputation.Storage;

/// <summary>What the threat DB remembers about one address.</summary>
public sealed record AddressHistory
{
    public required IpAddr Address { get; init; }

    /// <summary>Alerts recorded with this address as the source.</summary>
    public int AlertCount { get; init; }

    /// <summary>Verdicts recorded for this address whose action was Block.</summary>
    public int PriorBlockCount { get; init; }

    /// <summary>Earliest alert or verdict timestamp, or null when never seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Latest alert or verdict timestamp, or null when never seen.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>A history for an address never seen before.</summary>
    public static AddressHistory None(IpAddr address) => new() { Address = address };
}
