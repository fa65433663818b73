using System.CommandLine;
using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids replay</c>: a capture file through the whole pipeline, on the packets' own clock.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var pcap = new Option<string>("--pcap") { Description = "pcap or pcapng file to replay.", Required = true, HelpName = "FILE" };
        var rules = new Option<string[]>("--rules")
        {
            Description = "Rule files (replace Rules:Files of the configuration). Repeat or list several.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var config = CommonOptions.Config();
        var eve = new Option<string>("--eve") { Description = "EVE JSON output file.", DefaultValueFactory = _ => "eve.json", HelpName = "FILE" };
        var firewall = new Option<string>("--firewall")
        {
            Description = "dry-run records what would be blocked; nftables really blocks on this host.",
            DefaultValueFactory = _ => FirewallBackendNames.DryRun,
        };
        firewall.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        var db = new Option<string?>("--db")
        {
            Description = "SQLite database for alerts, verdicts and blocks. Default: a temporary one, removed afterwards, so a replay leaves no state.",
            HelpName = "FILE",
        };
        var virtualClock = new Option<bool>("--virtual-clock")
        {
            Description = "Everything on the packets' clock, notifications included: nothing is sent; alerts, decisions, block ends and " +
                "notifications are written in order to the transcript. The same capture and configuration give the same bytes.",
        };
        var transcript = new Option<string?>("--transcript")
        {
            Description = "Transcript file of --virtual-clock (implies it). Default: transcript.json beside --eve.",
            HelpName = "FILE",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every step, not only warnings." };
        var stats = new Option<bool>("--stats") { Description = "Also print every packet-path counter: decode results by layer, defragmentation, flows, TCP reassembly, app-layer flows and transactions by protocol, drops." };
        var json = new Option<bool>("--json") { Description = "Print the summary and every counter as one JSON document on stdout instead of text." };
        var command = new Command("replay", """
            Replay a capture through the whole pipeline (decode, flows, rules, reputation, firewall, EVE,
            notifications) on the packets' own clock, so scores, blocks and expiries are those of the capture.
            Prints packets, decode errors, alerts by sid and every decision with its reasons.
            Without --virtual-clock, notifications go to the configured channels for real.
            Example: rustids replay --pcap attack.pcap --rules rules/local.rules --firewall dry-run
                     rustids replay --pcap big.pcap --stats       (where did the packets go?)
                     rustids replay --pcap attack.pcap --config test.json --virtual-clock   (transcript.json, sends nothing)
            """)
        { pcap, rules, config, eve, firewall, db, virtualClock, transcript, verbose, stats, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            if (parse.GetValue(rules) is { Length: > 0 } ruleFiles)
                options.Rules.Files = [.. ruleFiles];
            options.Eve.Path = parse.GetValue(eve)!;
            options.Eve.DecisionLogPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Eve.Path))!, "decisions.json");
            options.Firewall.Backend = parse.GetValue(firewall)!;
            // A temporary database gets a directory of its own, removed afterwards with everything kept beside it (the
            // feed cache defaults to feeds/ there), so a replay without --db leaves nothing behind.
            var temporaryDirectory = parse.GetValue(db) is null ? Directory.CreateTempSubdirectory("rustids-replay-").FullName : null;
            options.Storage.DatabasePath = parse.GetValue(db) ?? Path.Combine(temporaryDirectory!, "rustids.db");
            var fileProblems = ConfigValidator.ValidateFiles(options);
            if (fileProblems.Count > 0)
            {
                foreach (var problem in fileProblems)
                    Console.Error.WriteLine($"rustids: {problem}");
                return ExitCodes.InputErrors;
            }

            var pcapPath = parse.GetValue(pcap)!;
            using var loggers = LoggingSetup.Create(options.Logging, withFile: false,
                parse.GetValue(verbose) ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Warning);
            try
            {
                var transcriptPath = parse.GetValue(transcript)
                    ?? (parse.GetValue(virtualClock) ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Eve.Path))!, "transcript.json") : null);
                if (transcriptPath is not null)
                    File.Delete(transcriptPath); // a transcript is of one replay: the same run twice gives the same file
                var request = new RunRequest
                {
                    Options = options,
                    Mode = RunMode.Replay,
                    TranscriptPath = transcriptPath,
                    OpenSource = () => PcapFileSource.Open(pcapPath),
                    SourceName = pcapPath,
                };
                return await PipelineExecution.ExecuteAsync(new PipelineRunner(loggers), request, ExitCodes.InputErrors,
                    report => report.CaptureFailed || report.Rules.ErrorCount > 0 ? ExitCodes.InputErrors : ExitCodes.Ok, cancellation,
                    new SummaryFormat(parse.GetValue(stats), parse.GetValue(json)));
            }
            finally
            {
                if (temporaryDirectory is not null)
                    Directory.Delete(temporaryDirectory, recursive: true);
            }
        });
        return command;
    }
}
