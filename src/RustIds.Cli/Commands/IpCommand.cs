using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RustIds.Detection;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
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
            var report = new IpReport(ip, now);
            var allowlist = Allowlist.Load(ResponseComponents.ToAllowlistOptions(options.Firewall));
            report.Allowlisted = allowlist.IsAllowed(ip, out var why) ? why : null;
            var feedsInUse = adHocFeeds ?? sources.Feeds.Registry.Current;
            report.FeedCount = feedsInUse.Count;
            report.Listings = [.. feedsInUse.Where(f => f.List.Hits(ip) > 0)];
            if (sources.GeoIp is { } country && country.TryGetCountry(ip, out var code))
                report.Country = code.ToString();
            var asnDatabase = sources.Asn ?? (geoipFile is null ? null : sources.GeoIp);
            if (asnDatabase is not null && asnDatabase.TryGetAsn(ip, out var asn))
                report.Asn = asn;

            var dbPath = parse.GetValue(db) ?? options.Storage.DatabasePath;
            report.History = AddressHistory.None(ip);
            if (File.Exists(dbPath))
            {
                using (var threatDb = ThreatDb.Open(dbPath))
                {
                    report.History = threatDb.GetHistory(ip);
                    report.Signatures = threatDb.AlertsBySignature(ip);
                    report.Verdicts = threatDb.RecentVerdicts(ip, 10);
                }
                using var store = new BlockStore(dbPath);
                report.Blocks = [.. store.GetActive(now).Where(b => b.Target.Contains(ip))];
            }

            var scorer = new ReputationScorer(ScoringOptionsFactory.Create(options.Reputation));
            var context = new ReputationContext
            {
                Now = now,
                Feeds = feedsInUse,
                GeoIp = sources.GeoIp,
                Asn = asnDatabase,
                History = report.History,
                Allowlisted = report.Allowlisted,
            };
            report.WithoutAlert = scorer.Score(ip, [], context);
            var probe = new Alert
            {
                Timestamp = now,
                Source = ip,
                Destination = ip,
                Protocol = IpProtocol.Tcp,
                Sid = 0,
                Signature = "(any priority-1 rule)",
                Severity = 1,
            };
            report.WithPriority1Alert = scorer.Score(ip, [probe], context);
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

    /// <summary>What <c>ip check</c> found, printed as text or JSON.</summary>
    private sealed class IpReport(IpAddr address, DateTimeOffset now)
    {
        public string? Allowlisted { get; set; }
        public int FeedCount { get; set; }
        public IReadOnlyList<LoadedFeed> Listings { get; set; } = [];
        public string? Country { get; set; }
        public uint? Asn { get; set; }
        public AddressHistory History { get; set; } = AddressHistory.None(address);
        public IReadOnlyList<SignatureCount> Signatures { get; set; } = [];
        public IReadOnlyList<StoredVerdict> Verdicts { get; set; } = [];
        public IReadOnlyList<BlockRecord> Blocks { get; set; } = [];
        public Verdict WithoutAlert { get; set; } = null!;
        public Verdict WithPriority1Alert { get; set; } = null!;

        public string ToText()
        {
            var text = new System.Text.StringBuilder();
            void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"{label,-13}{value}\n");
            Line("address:", address.ToString());
            Line("country:", Country ?? "unknown");
            Line("asn:", Asn is { } asn ? string.Create(CultureInfo.InvariantCulture, $"AS{asn}") : "unknown");
            Line("allowlist:", Allowlisted is null ? "not protected" : "protected: " + Allowlisted);
            if (Listings.Count == 0)
                Line("feeds:", $"not listed (by any of {FeedCount} loaded)");
            foreach (var feed in Listings)
            {
                var hits = feed.List.Hits(address);
                var entry = feed.List.Set.TryFindRange(address, out var first, out var last) ? (first == last ? first.ToString() : $"{first}-{last}") : address.ToString();
                Line(feed == Listings[0] ? "feeds:" : "", string.Create(CultureInfo.InvariantCulture,
                    $"{feed.Name}: {entry}{(hits > 1 ? $", {hits} hits" : "")}, copy {FeedsCommand.Age(feed.FetchedAt, now)} old{(feed.Definition.Category.Length > 0 ? ", " + feed.Definition.Category : "")}"));
            }
            if (Blocks.Count == 0)
                Line("block:", "none active");
            foreach (var block in Blocks)
            {
                var action = block.Action == FirewallAction.Block ? "block" : "rate limit";
                Line("block:", $"{action} of {block.TargetText} until {block.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}, " +
                    $"score {block.Score}, escalation level {block.EscalationLevel}, rules {block.Rules}");
            }
            Line("history:", History.AlertCount == 0 && History.PriorBlockCount == 0
                ? "none"
                : string.Create(CultureInfo.InvariantCulture, $"{History.AlertCount} alert(s), {History.PriorBlockCount} earlier block(s), first {History.FirstSeen:u}, last {History.LastSeen:u}"));
            foreach (var signature in Signatures)
                Line("", string.Create(CultureInfo.InvariantCulture, $"{signature.Count,5} x {signature.Gid}:{signature.Sid} \"{signature.Signature}\", last {signature.Last:u}"));
            foreach (var stored in Verdicts)
                Line(stored == Verdicts[0] ? "verdicts:" : "", string.Create(CultureInfo.InvariantCulture, $"{stored.At:u} {stored.Verdict.Action} score {stored.Verdict.Score}"));
            text.Append("\nwith no new alert:\n").Append(Indent(WithoutAlert.Explain())).Append('\n');
            text.Append("with one priority-1 rule hit:\n").Append(Indent(WithPriority1Alert.Explain()));
            return text.ToString();
        }

        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("address", address.ToString());
                WriteOptional(writer, "country", Country);
                if (Asn is { } asn)
                    writer.WriteNumber("asn", asn);
                else
                    writer.WriteNull("asn");
                writer.WriteBoolean("allowlisted", Allowlisted is not null);
                WriteOptional(writer, "allowlistReason", Allowlisted);
                writer.WriteNumber("feedsLoaded", FeedCount);
                writer.WriteStartArray("feeds");
                foreach (var feed in Listings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", feed.Name);
                    writer.WriteString("category", feed.Definition.Category);
                    writer.WriteNumber("hits", feed.List.Hits(address));
                    if (feed.List.Set.TryFindRange(address, out var first, out var last))
                    {
                        writer.WriteString("rangeFirst", first.ToString());
                        writer.WriteString("rangeLast", last.ToString());
                    }
                    writer.WriteString("fetchedAt", feed.FetchedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    writer.WriteNumber("ageSeconds", Math.Max(0, (long)(now - feed.FetchedAt).TotalSeconds));
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartObject("history");
                writer.WriteNumber("alerts", History.AlertCount);
                writer.WriteNumber("priorBlocks", History.PriorBlockCount);
                WriteOptional(writer, "firstSeen", History.FirstSeen?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                WriteOptional(writer, "lastSeen", History.LastSeen?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                writer.WriteStartArray("alertsBySignature");
                foreach (var signature in Signatures)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("gid", signature.Gid);
                    writer.WriteNumber("sid", signature.Sid);
                    writer.WriteString("signature", signature.Signature);
                    writer.WriteNumber("count", signature.Count);
                    writer.WriteString("last", signature.Last.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("verdicts");
                foreach (var stored in Verdicts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("at", stored.At.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                    writer.WriteString("action", stored.Verdict.Action.ToString());
                    writer.WriteNumber("score", stored.Verdict.Score);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteStartArray("activeBlocks");
                foreach (var block in Blocks)
                {
                    writer.WriteStartObject();
                    writer.WriteString("target", block.TargetText);
                    writer.WriteString("action", block.Action == FirewallAction.Block ? "block" : "rate-limit");
                    writer.WriteString("until", block.ExpiresAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                    writer.WriteNumber("score", block.Score);
                    writer.WriteNumber("escalationLevel", block.EscalationLevel);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                WriteVerdict(writer, "verdict", WithoutAlert);
                WriteVerdict(writer, "verdictWithPriority1Alert", WithPriority1Alert);
                writer.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteVerdict(Utf8JsonWriter writer, string name, Verdict verdict)
        {
            writer.WriteStartObject(name);
            writer.WriteString("action", verdict.Action.ToString());
            writer.WriteNumber("score", verdict.Score);
            writer.WriteNumber("blockThreshold", verdict.BlockThreshold);
            writer.WriteNumber("durationSeconds", (long)verdict.Duration.TotalSeconds);
            writer.WriteNumber("escalationLevel", verdict.EscalationLevel);
            writer.WriteStartArray("reasons");
            foreach (var reason in verdict.Reasons)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", reason.Kind);
                writer.WriteString("detail", reason.Detail);
                writer.WriteNumber("points", reason.Points);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is null)
                writer.WriteNull(name);
            else
                writer.WriteString(name, value);
        }
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split(Environment.NewLine).Select(l => "  " + l));
}
