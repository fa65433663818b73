using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Scoring;

/// <summary>The threat intelligence an address is scored against: feeds, GeoIP, its history, the allowlist, and the time.</summary>
public sealed class ReputationContext
{
    /// <summary>The time of the decision (packet time in a replay): history decays and recidivism windows end here.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Loaded feeds; empty when none are configured.</summary>
    public IReadOnlyList<LoadedFeed> Feeds { get; init; } = [];

    /// <summary>Country database, or null when none is installed.</summary>
    public IGeoIpDatabase? GeoIp { get; init; }

    /// <summary>ASN database (may be the same file as <see cref="GeoIp"/>), or null.</summary>
    public IGeoIpDatabase? Asn { get; init; }

    /// <summary>The address's history from the threat DB, or null when unknown.</summary>
    public AddressHistory? History { get; init; }

    /// <summary>Why the allowlist protects the address (for example "loopback"), or null when it does not.</summary>
    public string? Allowlisted { get; init; }
}
