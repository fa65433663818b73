using RustIds.Engine.Configuration;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;

namespace RustIds.Engine.Composition;

/// <summary>The loaded threat intelligence: blocklists and the GeoIP database. Immutable once loaded.</summary>
public sealed class ReputationSources : IDisposable
{
    private readonly MaxMindDbReader? _geoIp;

    private ReputationSources(IReadOnlyList<Blocklist> blocklists, MaxMindDbReader? geoIp)
    {
        Blocklists = blocklists;
        _geoIp = geoIp;
    }

    public IReadOnlyList<Blocklist> Blocklists { get; }

    public IGeoIpDatabase? GeoIp => _geoIp;

    /// <summary>
    /// Loads what the configuration names. A missing or broken GeoIP file and bad blocklist lines are
    /// added to <paramref name="warnings"/> and skipped: rustids goes on with what is valid.
    /// </summary>
    public static ReputationSources Load(ReputationOptions options, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        var blocklists = new List<Blocklist>();
        foreach (var path in options.Blocklists)
        {
            if (!File.Exists(path))
            {
                warnings.Add($"blocklist {path} does not exist; skipped");
                continue;
            }
            var list = PlainListParser.ParseFile(path);
            foreach (var diagnostic in list.Diagnostics)
                warnings.Add($"blocklist {diagnostic}");
            blocklists.Add(list);
        }

        MaxMindDbReader? geoIp = null;
        if (options.GeoIpDatabase is { Length: > 0 } geoPath)
        {
            try
            {
                geoIp = MaxMindDbReader.Open(geoPath);
            }
            catch (MaxMindDbException ex)
            {
                warnings.Add($"GeoIP disabled: {ex.Message}");
            }
        }
        return new ReputationSources(blocklists, geoIp);
    }

    /// <summary>The scorer's view for one address, with its history from the threat DB.</summary>
    public ReputationContext WithHistory(AddressHistory history) => new()
    {
        Blocklists = Blocklists,
        GeoIp = GeoIp,
        History = history,
    };

    public void Dispose() => _geoIp?.Dispose();
}
