using System.CommandLine;
using System.Globalization;
using RustIds.Detection;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Packets;
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
        var check = new Command("check", """
            Explain an address: its country (GeoIP), the blocklists that list it, its history in the threat
            database, an active block with its reasons, whether the allowlist protects it, and the score it
            gets from that intelligence alone and with one priority-1 rule hit.
            """)
        { address, config, db };
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
            var warnings = new List<string>();
            using var sources = ReputationSources.Load(options.Reputation, warnings);
            foreach (var warning in warnings)
                Console.Error.WriteLine($"warning: {warning}");

            Console.WriteLine($"address:     {ip}");
            Console.WriteLine($"country:     {(sources.GeoIp is null ? "unknown (no GeoIP database)" : sources.GeoIp.TryGetCountry(ip, out var country) ? country.ToString() : "not in the database")}");
            var listedBy = sources.Blocklists.Where(b => b.Contains(ip)).Select(b => b.Name).ToList();
            Console.WriteLine($"blocklists:  {(listedBy.Count == 0 ? "none" : string.Join(", ", listedBy))} (of {sources.Blocklists.Count} loaded)");
            Console.WriteLine($"allowlist:   {(Allowlist.Load(ResponseComponents.ToAllowlistOptions(options.Firewall)).IsAllowed(ip, out var why) ? "protected: " + why : "not protected")}");

            var dbPath = parse.GetValue(db) ?? options.Storage.DatabasePath;
            var history = AddressHistory.None(ip);
            if (File.Exists(dbPath))
            {
                using (var threatDb = ThreatDb.Open(dbPath))
                    history = threatDb.GetHistory(ip);
                using var store = new BlockStore(dbPath);
                var covering = store.GetActive(TimeProvider.System.GetUtcNow()).Where(b => b.Target.Contains(ip)).ToList();
                if (covering.Count == 0)
                    Console.WriteLine("block:       none active");
                foreach (var block in covering)
                {
                    var action = block.Action == FirewallAction.Block ? "block" : "rate limit";
                    Console.WriteLine($"block:       {action} of {block.TargetText} until {block.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}, " +
                        $"score {block.Score}, escalation level {block.EscalationLevel}, rules {block.Rules}");
                }
            }
            Console.WriteLine(history.AlertCount == 0 && history.PriorBlockCount == 0
                ? "history:     none"
                : $"history:     {history.AlertCount} alert(s), {history.PriorBlockCount} earlier block(s), first {history.FirstSeen:u}, last {history.LastSeen:u}");

            var scorer = new ReputationScorer(ScoringOptionsFactory.Create(options.Reputation));
            var context = sources.WithHistory(history);
            Console.WriteLine();
            Console.WriteLine("with no new alert:");
            Console.WriteLine(Indent(scorer.Score(ip, [], context).Explain()));
            var probe = new Alert
            {
                Timestamp = TimeProvider.System.GetUtcNow(),
                Source = ip,
                Destination = ip,
                Protocol = IpProtocol.Tcp,
                Sid = 0,
                Signature = "(any priority-1 rule)",
                Severity = 1,
            };
            Console.WriteLine("with one priority-1 rule hit:");
            Console.WriteLine(Indent(scorer.Score(ip, [probe], context).Explain()));
            return ExitCodes.Ok;
        });
        return new Command("ip", "Look up addresses.") { check };
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split(Environment.NewLine).Select(l => "  " + l));
}
