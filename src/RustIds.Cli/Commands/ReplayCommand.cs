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
        var latency = new Option<string?>("--latency")
        {
            Description = "Network model: delay every packet by this much (90ms, 1s, 00:00:00.250), as if the capture crossed a slow link.",
            HelpName = "DURATION",
        };
        var jitter = new Option<string?>("--jitter")
        {
            Description = "Network model: delay each packet by up to this much more, at random (packets keep their order).",
            HelpName = "DURATION",
        };
        var loss = new Option<double>("--loss") { Description = "Network model: drop this share of packets at random (0 to 1).", HelpName = "SHARE" };
        var seed = new Option<int>("--seed") { Description = "Seed of the network model's random draws: the same seed gives the same replay.", DefaultValueFactory = _ => 1 };
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
                     rustids replay --pcap attack.pcap --latency 40ms --jitter 10ms --loss 0.01 --seed 7   (over a lossy link)
            """)
        { pcap, rules, config, eve, firewall, db, virtualClock, transcript, latency, jitter, loss, seed, verbose, stats, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var (model, modelProblem) = NetworkModelOf(parse.GetValue(latency), parse.GetValue(jitter), parse.GetValue(loss), parse.GetValue(seed));
            if (modelProblem is not null)
            {
                Console.Error.WriteLine($"rustids: {modelProblem}");
                return ExitCodes.InputErrors;
            }
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
                    OpenSource = () => model is null ? PcapFileSource.Open(pcapPath) : new NetworkModelSource(PcapFileSource.Open(pcapPath), model),
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

    /// <summary>The network model the options describe, null when none is asked for, or what is wrong with them.</summary>
    private static (NetworkModel? Model, string? Problem) NetworkModelOf(string? latencyText, string? jitterText, double loss, int seed)
    {
        if (latencyText is null && jitterText is null && loss == 0)
            return (null, null);
        var latency = TimeSpan.Zero;
        var jitter = TimeSpan.Zero;
        if (latencyText is not null && !DurationText.TryParse(latencyText, out latency))
            return (null, $"--latency: '{latencyText}' is not a duration such as 40ms, 2s or 00:00:00.040");
        if (jitterText is not null && !DurationText.TryParse(jitterText, out jitter))
            return (null, $"--jitter: '{jitterText}' is not a duration such as 10ms, 1s or 00:00:00.010");
        var model = new NetworkModel(latency, jitter, loss, seed);
        return model.Problem is { } problem ? (null, "network model: " + problem) : (model, null);
    }
}
