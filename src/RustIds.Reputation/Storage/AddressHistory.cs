using RustIds.Packets;

namespace RustIds.Reputation.Storage;

/// <summary>What the threat DB remembers about one address.</summary>
public sealed record AddressHistory
{
    /// <summary>Most block times <see cref="BlockTimes"/> holds: older ones have decayed to nothing long before.</summary>
    public const int MaxBlockTimes = 64;

    public required IpAddr Address { get; init; }

    /// <summary>Alerts recorded with this address as the source.</summary>
    public int AlertCount { get; init; }

    /// <summary>Verdicts recorded for this address whose action was Block or RateLimit, ever.</summary>
    public int PriorBlockCount { get; init; }

    /// <summary>When those blocks were decided, newest first, at most <see cref="MaxBlockTimes"/>.</summary>
    public IReadOnlyList<DateTimeOffset> BlockTimes { get; init; } = [];

    /// <summary>Earliest alert or verdict timestamp, or null when never seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Latest alert or verdict timestamp, or null when never seen.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>A history for an address never seen before.</summary>
    public static AddressHistory None(IpAddr address) => new() { Address = address };
}
