using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quartz;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Engine.Explain;
using RustIds.Engine.Feeds;
using RustIds.Reputation.Feeds;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids feeds list|update</c>: the threat feeds of the catalog and configuration.</summary>
internal static class FeedsCommand
{
    public static Command Create()
    {
        var command = new Command("feeds", """
            Threat feeds: block lists rustids downloads on a schedule (Reputation:Feeds, the catalog in
            Reputation:FeedCatalog), keeps a last good copy of on disk, scores addresses against, and (when marked
            PushToFirewall) drops in the firewall too. A failed or implausible download never replaces a good copy.
            """);
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateUpdate());
        return command;
    }

    private static Command CreateList()
    {
        var config = CommonOptions.Config();
        var json = new Option<bool>("--json") { Description = "One JSON object per feed, one per line." };
        var list = new Command("list", """
            List every feed of the catalog and configuration: enabled or not, format, entries and age of the last good
            copy, how the last refresh ended, and when the next one runs. ALARM marks a failed or rejected refresh.
            """)
        { config, json };
        list.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var catalog = FeedCatalog.Load(options.Reputation, protectedSet: null);
            var cache = new FeedCache(ReputationSources.CacheDirectory(options));
            var now = TimeProvider.System.GetUtcNow();
            var asJson = parse.GetValue(json);
            if (!asJson)
            {
                Console.WriteLine($"{"NAME",-22} {"FORMAT",-13} {"ON",-3} {"FW",-3} {"ENTRIES",8} {"AGE",-8} {"LAST RESULT",-12} {"NEXT RUN (UTC)",-17} SOURCE");
                if (catalog.All.Count == 0)
                    Console.WriteLine("(no feeds: enable catalog feeds or add some under Reputation:Feeds)");
            }
            foreach (var feed in catalog.All)
            {
                var state = cache.ReadState(feed.Name, out var stateError) ?? FeedState.Never;
                var next = feed.Enabled ? new CronExpression(feed.Schedule).GetNextValidTimeAfter(now) : null;
                if (asJson)
                {
                    Console.WriteLine(ToJson(feed, state, next, now));
                    continue;
                }
                var result = stateError is not null ? "unreadable" : state.IsAlarm ? "ALARM " + Short(state.LastResult) : Short(state.LastResult);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{feed.Name,-22} {FeedFormatNames.ToName(feed.Parse.Format),-13} {(feed.Enabled ? "yes" : "no"),-3} {(feed.PushToFirewall ? "yes" : "no"),-3} {(state.FetchedAt is null ? "-" : state.Entries.ToString(CultureInfo.InvariantCulture)),8} {AgeText.Format(state.FetchedAt, now),-8} {result,-12} {(next is { } n ? n.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-"),-17} {feed.Location}"));
                if (state.IsAlarm)
                    Console.WriteLine($"{"",-22} {state.LastMessage}");
            }
            foreach (var problem in catalog.Problems)
                Console.Error.WriteLine($"warning: {problem}");
            return catalog.Problems.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
        });
        return list;
    }

    private static Command CreateUpdate()
    {
        var config = CommonOptions.Config();
        var name = new Argument<string?>("NAME") { Description = "The feed to update (default: every enabled feed).", Arity = ArgumentArity.ZeroOrOne };
        var noFirewall = new Option<bool>("--no-firewall") { Description = "Do not replace the firewall sets of PushToFirewall feeds." };
        var update = new Command("update", """
            Download feeds now (conditionally: unchanged lists are not downloaded again), check them, keep them as the
            last good copy, and replace the firewall sets of PushToFirewall feeds. A running daemon picks the new
            copies up at its next scheduled refresh of each feed.
            Exit code 0 when every feed updated or was unchanged, 1 when any failed or was rejected.
            """)
        { name, config, noFirewall };
        update.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var allowlist = Allowlist.Load(ResponseComponents.ToAllowlistOptions(options.Firewall)).ToCidrSet();
            var catalog = FeedCatalog.Load(options.Reputation, allowlist);
            foreach (var problem in catalog.Problems)
                Console.Error.WriteLine($"warning: {problem}");
            var wanted = parse.GetValue(name);
            List<FeedDefinition> feeds;
            if (wanted is null)
            {
                feeds = [.. catalog.Enabled];
                if (feeds.Count == 0)
                {
                    Console.Error.WriteLine("rustids: no enabled feeds (see 'rustids feeds list')");
                    return ExitCodes.InputErrors;
                }
            }
            else if (catalog.Find(wanted) is { } one)
            {
                if (!one.Enabled)
                    Console.Error.WriteLine($"note: feed {wanted} is disabled; updating its cached copy anyway (rustids does not use it until it is enabled)");
                feeds = [one];
            }
            else
            {
                Console.Error.WriteLine($"rustids: no feed named '{wanted}'; known: {string.Join(", ", catalog.All.Select(f => f.Name))}");
                return ExitCodes.InputErrors;
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var refresher = new FeedRefresher(new FeedFetcher(http), new FeedCache(ReputationSources.CacheDirectory(options)), new FeedRegistry(), TimeProvider.System);
            IFirewallBackend? firewall = null;
            if (!parse.GetValue(noFirewall) && feeds.Any(f => f.PushToFirewall))
                firewall = ResponseComponents.CreateBackend(options.Firewall, options.Firewall.Backend, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
            using var loggers = LoggingSetup.Create(options.Logging, withFile: false, Serilog.Events.LogEventLevel.Warning);
            var updater = new FeedUpdater(catalog, refresher, firewall, loggers.CreateLogger<FeedUpdater>());
            var failed = 0;
            foreach (var feed in feeds)
            {
                var bar = new TransferProgressBar(feed.Name);
                FeedRefreshOutcome outcome;
                try
                {
                    outcome = await updater.UpdateAsync(feed, bar, cancellation);
                }
                finally
                {
                    bar.Finish();
                }
                if (outcome.IsAlarm)
                    failed++;
                Console.WriteLine($"{feed.Name}: {Short(outcome.Result)}: {outcome.Message}");
                if (outcome.Changed && outcome.Loaded is { List.DiagnosticCount: > 0 } loaded)
                {
                    foreach (var diagnostic in loaded.List.Diagnostics.Take(5))
                        Console.WriteLine($"  {diagnostic}");
                    if (loaded.List.DiagnosticCount > 5)
                        Console.WriteLine($"  ... and {loaded.List.DiagnosticCount - 5} more");
                }
            }
            return failed > 0 || updater.Alarms > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
        });
        return update;
    }

    private static string ToJson(FeedDefinition feed, FeedState state, DateTimeOffset? next, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", feed.Name);
            writer.WriteString("format", FeedFormatNames.ToName(feed.Parse.Format));
            writer.WriteString("source", feed.Location.ToString());
            writer.WriteString("category", feed.Category);
            writer.WriteBoolean("enabled", feed.Enabled);
            writer.WriteBoolean("pushToFirewall", feed.PushToFirewall);
            writer.WriteNumber("weight", feed.Weight.Points);
            writer.WriteNumber("quality", feed.Weight.Quality);
            writer.WriteString("schedule", feed.Schedule);
            writer.WriteNumber("entries", state.Entries);
            writer.WriteNumber("garbage", state.Garbage);
            writer.WriteNumber("refused", state.Refused);
            WriteTime(writer, "fetchedAt", state.FetchedAt);
            if (state.FetchedAt is { } fetched)
                writer.WriteNumber("ageSeconds", (long)(now - fetched).TotalSeconds);
            else
                writer.WriteNull("ageSeconds");
            writer.WriteString("lastResult", state.LastResult.ToString());
            writer.WriteString("lastMessage", state.LastMessage);
            WriteTime(writer, "lastAttempt", state.LastAttempt);
            WriteTime(writer, "nextRun", next);
            writer.WriteBoolean("alarm", state.IsAlarm);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
            writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        else
            writer.WriteNull(name);
    }

    private static string Short(FeedResult result) => result switch
    {
        FeedResult.Never => "never",
        FeedResult.Updated => "updated",
        FeedResult.NotModified => "unchanged",
        FeedResult.Cached => "cached",
        FeedResult.Failed => "failed",
        FeedResult.Rejected => "rejected",
        _ => result.ToString(),
    };
}
