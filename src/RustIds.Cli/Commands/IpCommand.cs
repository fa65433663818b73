using System.CommandLine;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Engine.Explain;
using RustIds.Packets;
using RustIds.Reputation;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids ip check ADDR</c>: everything rustids knows about an address, and how it would score.</summary>
internal static class IpCommand
{
    public static Command Create()
    {
        var address = new Argument<string>("ADDRESS") { Description = "IPv4 or IPv6 address." };
        var config = CommonOptions.Config();
        var db = new Option<string?>("--db") { Description = "SQLite database (default: Storage:DatabasePath).", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (for scripts) instead of text." };
        var geoip = new Option<string?>("--geoip") { Description = "Use this MaxMind DB file for country (and ASN, if it has them) instead of the configured ones.", HelpName = "FILE" };
        var feeds = new Option<string[]>("--feed")
        {
            Description = "Check against this feed file instead of the configured feeds; repeatable. Write FORMAT:FILE to name the format "
                + $"({string.Join(", ", FeedFormatNames.All)}); without it the format is guessed from the content.",
            HelpName = "[FORMAT:]FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var check = new Command("check", """
            Explain an address: the feeds that list it (and the age of their copy), its country and autonomous system,
            its history in the threat database (alerts by rule, earlier verdicts), an active block with its reasons,
            whether the allowlist protects it, and the verdict it gets from that intelligence alone and with one
            priority-1 rule hit, each point of the score with its source.
            --geoip and --feed answer ad-hoc questions against given files instead of the configured ones.
            """)
        { address, config, db, json, geoip, feeds };
        check.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var text = parse.GetValue(address)!;
            if (!IpAddr.TryParse(text, out var ip))
            {
                Console.Error.WriteLine($"rustids: '{text}' is not an IP address");
                return ExitCodes.InputErrors;
            }
            var feedFiles = parse.GetValue(feeds) ?? [];
            var geoipFile = parse.GetValue(geoip);
            if (geoipFile is not null)
                options.Reputation.GeoIpDatabase = geoipFile;
            var warnings = new List<string>();
            IReadOnlyList<LoadedFeed>? adHocFeeds = null;
            if (feedFiles.Length > 0)
            {
                adHocFeeds = LoadAdHocFeeds(feedFiles, options.Reputation.BlocklistPoints, out var error);
                if (adHocFeeds is null)
                {
                    Console.Error.WriteLine($"rustids: {error}");
                    return ExitCodes.InputErrors;
                }
                // The given files replace the configured feeds entirely.
                options.Reputation.Feeds.Clear();
                options.Reputation.Blocklists.Clear();
                options.Reputation.FeedCatalog = null;
            }
            using var http = new HttpClient();
            using var sources = ReputationSources.Load(options, protectedSet: null, new FeedFetcher(http), TimeProvider.System, warnings);
            if (geoipFile is not null && VerifyGeoIp(sources.GeoIp as MaxMindDbReader, geoipFile, warnings) is { } geoipError)
            {
                Console.Error.WriteLine($"rustids: {geoipError}");
                return ExitCodes.InputErrors;
            }
            foreach (var warning in warnings)
                Console.Error.WriteLine($"warning: {warning}");

            var now = TimeProvider.System.GetUtcNow();
            var allowlist = Allowlist.Load(ResponseComponents.ToAllowlistOptions(options.Firewall));
            var feedsInUse = adHocFeeds ?? sources.Feeds.Registry.Current;
            var asnDatabase = sources.Asn ?? (geoipFile is null ? null : sources.GeoIp);
            var explainer = new AddressExplainer(() => allowlist, () => feedsInUse, sources.GeoIp, asnDatabase,
                new ReputationScorer(ScoringOptionsFactory.Create(options.Reputation)));
            var dbPath = parse.GetValue(db) ?? options.Storage.DatabasePath;
            IpCheckReport report;
            if (File.Exists(dbPath))
            {
                using var threatDb = ThreatDb.Open(dbPath);
                using var store = new BlockStore(dbPath);
                report = explainer.Explain(ip, now, threatDb, store.GetActive(now));
            }
            else
            {
                report = explainer.Explain(ip, now, null, []);
            }
            Console.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            return ExitCodes.Ok;
        });
        return new Command("ip", "Look up addresses.") { check };
    }

    /// <summary>A file given on the command line is checked whole (a broken tree or record is reported, not met by chance); null when it is sound.</summary>
    private static string? VerifyGeoIp(MaxMindDbReader? reader, string path, List<string> warnings)
    {
        if (reader is null)
            return warnings.LastOrDefault(w => w.Contains(path, StringComparison.Ordinal)) ?? $"{path} cannot be opened";
        try
        {
            reader.Verify();
            return null;
        }
        catch (MaxMindDbException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Parses <c>[FORMAT:]FILE</c> arguments into feeds named after their files; null with <paramref name="error"/> on the first bad one.</summary>
    private static List<LoadedFeed>? LoadAdHocFeeds(string[] arguments, int weight, out string error)
    {
        error = "";
        var result = new List<LoadedFeed>();
        foreach (var argument in arguments)
        {
            var colon = argument.IndexOf(':', StringComparison.Ordinal);
            FeedFormat? format = null;
            var path = argument;
            if (colon > 0 && FeedFormatNames.TryParse(argument[..colon], out var named))
            {
                format = named;
                path = argument[(colon + 1)..];
            }
            if (!File.Exists(path))
            {
                error = $"feed file '{path}' does not exist";
                return null;
            }
            string content;
            try
            {
                content = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                error = $"feed file '{path}': {ex.Message}";
                return null;
            }
            var name = Path.GetFileName(path);
            var definition = new FeedDefinition
            {
                Name = name,
                Location = FeedLocation.File(path),
                Parse = new FeedParseOptions { Format = format ?? FeedFormatSniffer.Guess(content) },
                Weight = FeedWeight.Default with { Points = weight },
            };
            var list = FeedParser.Parse(name, path, content, definition.Parse);
            result.Add(new LoadedFeed(definition, list, new DateTimeOffset(File.GetLastWriteTimeUtc(path))));
        }
        return result;
    }
}
