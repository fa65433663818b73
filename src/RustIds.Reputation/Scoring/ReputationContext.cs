using RustIds.Reputation.Feeds;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Scoring;

/// <summary>The threat intelligence an address is scored against: blocklists, GeoIP and its history.</summary>
public sealed class ReputationContext
{
    /// <summary>Loaded blocklists; empty when none are configured.</summary>
    public IReadOnlyList<Blocklist> Blocklists { get; init; } = [];

    /// <summary>GeoIP database, or null when none is installed.</summary>
    public IGeoIpDatabase? GeoIp { get; init; }

    /// <summary>The address's history from the threat DB, or null when unknown.</summary>
    public AddressHistory? History { get; init; }
}
