using RustIds.Engine.Configuration;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;

namespace RustIds.Engine.Composition;

/// <summary>
/// The threat intelligence in use: the feed catalog and the feeds loaded from it (swapped atomically on refresh),
/// the GeoIP country database and the optional ASN database.
/// </summary>
public sealed class ReputationSources : IDisposable
{
    private readonly MaxMindDbReader? _geoIp;
    private readonly MaxMindDbReader? _asn;

    private ReputationSources(FeedCatalog catalog, FeedRefresher feeds, MaxMindDbReader? geoIp, MaxMindDbReader? asn)
    {
        Catalog = catalog;
        Feeds = feeds;
        _geoIp = geoIp;
        _asn = asn;
    }

    /// <summary>Every known feed, enabled or not.</summary>
    public FeedCatalog Catalog { get; }

    /// <summary>Refreshes feeds and holds the ones in use (<see cref="FeedRefresher.Registry"/>).</summary>
    public FeedRefresher Feeds { get; }

    public IGeoIpDatabase? GeoIp => _geoIp;

    public IGeoIpDatabase? Asn => _asn;

    /// <summary>
    /// Loads what the configuration names without touching the network: the catalog, each enabled feed's last good
    /// copy from the cache, local-file feeds from their files, and the GeoIP files. Problems go to
    /// <paramref name="warnings"/> and are skipped: rustids goes on with what is valid.
    /// </summary>
    /// <param name="options">The reputation section.</param>
    /// <param name="protectedSet">Allowlisted addresses, refused from feeds; null to skip that check.</param>
    /// <param name="fetcher">Fetches feeds (a <see cref="FeedFetcher"/> over an HttpClient).</param>
    /// <param name="time">The clock stamped on refreshes.</param>
    /// <param name="warnings">Receives every problem.</param>
    public static ReputationSources Load(RustIdsOptions options, CidrSet? protectedSet, IFeedFetcher fetcher, TimeProvider time, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        var catalog = FeedCatalog.Load(options.Reputation, protectedSet);
        foreach (var problem in catalog.Problems)
            warnings.Add($"feed catalog: {problem}");
        var refresher = new FeedRefresher(fetcher, new FeedCache(CacheDirectory(options)), new FeedRegistry(), time);
        foreach (var feed in catalog.Enabled)
        {
            var outcome = feed.Location.IsRemote
                ? refresher.LoadCached(feed)
                : refresher.RefreshAsync(feed, null, CancellationToken.None).GetAwaiter().GetResult();
            if (outcome.IsAlarm || outcome.Loaded is null)
                warnings.Add($"feed {feed.Name}: {outcome.Message}");
            else if (outcome.Loaded.List.DiagnosticCount > 0)
                warnings.Add($"feed {feed.Name}: {outcome.Loaded.List.DiagnosticCount} line(s) skipped; first: {outcome.Loaded.List.Diagnostics[0]}");
        }
        return new ReputationSources(catalog, refresher,
            OpenGeoIp(options.Reputation.GeoIpDatabase, "GeoIP", warnings), OpenGeoIp(options.Reputation.AsnDatabase, "ASN", warnings));
    }

    /// <summary>Reputation:FeedCacheDirectory, or <c>feeds/</c> beside the database, so a test or a second instance with its own database keeps its own copies.</summary>
    public static string CacheDirectory(RustIdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Reputation.FeedCacheDirectory
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Storage.DatabasePath)) ?? ".", "feeds");
    }

    /// <summary>The scorer's view for one address at <paramref name="now"/>, with its history and allowlist status.</summary>
    public ReputationContext Context(AddressHistory history, DateTimeOffset now, string? allowlisted = null) => new()
    {
        Now = now,
        Feeds = Feeds.Registry.Current,
        GeoIp = GeoIp,
        Asn = Asn,
        History = history,
        Allowlisted = allowlisted,
    };

    /// <summary>The loaded feeds that list <paramref name="address"/>.</summary>
    public IEnumerable<LoadedFeed> Listing(IpAddr address) => Feeds.Registry.Current.Where(f => f.List.Hits(address) > 0);

    public void Dispose()
    {
        _geoIp?.Dispose();
        _asn?.Dispose();
    }

    private static MaxMindDbReader? OpenGeoIp(string? path, string what, ICollection<string> warnings)
    {
        if (path is not { Length: > 0 })
            return null;
        try
        {
            return MaxMindDbReader.Open(path);
        }
        catch (MaxMindDbException ex)
        {
            warnings.Add($"{what} disabled: {ex.Message}");
            return null;
        }
    }
}
