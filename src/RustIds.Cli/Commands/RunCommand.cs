using Microsoft.Extensions.Logging;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using System.Runtime.InteropServices;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Packets;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids run</c>: capture live, detect, block, notify, until SIGTERM or Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var iface = new Option<string?>("--interface", "-i") { Description = "Interface to capture on (default: Capture:Interface).", HelpName = "IF" };
        var config = CommonOptions.Config();
        var firewall = new Option<string?>("--firewall") { Description = "nftables or dry-run (default: Firewall:Backend)." };
        firewall.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        var workers = new Option<int?>("--workers")
        {
            Description = "Capture threads sharing the interface through an AF_PACKET fanout group, 1-64 (default: Capture:Workers).",
            HelpName = "N",
        };
        var metrics = new Option<string?>("--metrics")
        {
            Description = "Serve Prometheus /metrics and /healthz on ADDR:PORT, e.g. 127.0.0.1:9911 or [::1]:9911 (default: Metrics:Listen; 'off' turns it off).",
            HelpName = "ADDR:PORT",
        };
        var command = new Command("run", """
            Protect this host: capture on an interface, match rules, score offenders and block them in the
            nftables table 'inet rustids' with expiry; write EVE JSON and send notices. Needs root (or
            CAP_NET_RAW and CAP_NET_ADMIN). Stops cleanly on SIGTERM or Ctrl-C, handling queued alerts first;
            SIGHUP reopens the EVE and decision logs (for logrotate) and reads the configuration again: rules
            (the old ones serve until the new ones are compiled), allowlist (blocks it now covers are lifted),
            notifier settings and feeds (dropped ones leave scoring and the firewall, enabled ones are refreshed now)
            are reloaded; a part that fails keeps its old state and logs why.
            Counters for Prometheus are at http://127.0.0.1:9911/metrics unless Metrics:Listen or --metrics says otherwise.
            Example: rustids run --interface eth0 --workers 2 --metrics 127.0.0.1:9911
            """)
        { iface, config, firewall, workers, metrics };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            options.Capture.Interface = parse.GetValue(iface) ?? options.Capture.Interface;
            options.Firewall.Backend = parse.GetValue(firewall) ?? options.Firewall.Backend;
            options.Capture.Workers = parse.GetValue(workers) ?? options.Capture.Workers;
            var metricsAt = parse.GetValue(metrics);
            if (metricsAt is not null)
                options.Metrics.Listen = metricsAt == "off" ? null : metricsAt;
            var problems = ConfigValidator.ValidateFiles(options).ToList();
            if (metricsAt is not null and not "off" && !MetricsOptions.TryParse(metricsAt, out _))
                problems.Add(new ConfigProblem("--metrics", $"'{metricsAt}' is not ADDRESS:PORT (e.g. 127.0.0.1:9911 or [::1]:9911) or 'off'"));
            if (string.IsNullOrWhiteSpace(options.Capture.Interface))
                problems.Add(new ConfigProblem("Capture:Interface", "no interface: give --interface IF"));
            if (options.Capture.Workers is < 1 or > 64)
                problems.Add(new ConfigProblem("--workers", "must be between 1 and 64"));
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"rustids: cannot start, {problems.Count} problem(s):");
                foreach (var problem in problems)
                    Console.Error.WriteLine($"  {problem}");
                return ExitCodes.InputErrors;
            }

            using var loggers = LoggingSetup.Create(options.Logging, withFile: true);
            var runner = new PipelineRunner(loggers);
            var configPath = parse.GetValue(config);
            var reloadLog = loggers.CreateLogger("RustIds.Cli.Reload");
            // SIGHUP: reopen the EVE and decision logs, as logrotate's postrotate expects, then read the configuration
            // again and reload rules, allowlist and notifier settings (off the signal thread: compiling a large rule set
            // takes seconds, capture goes on meanwhile). A configuration with problems changes nothing.
            using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                runner.ReopenLogs();
                _ = Task.Run(async () =>
                {
                    var next = ConfigLoader.Load(configPath);
                    if (!next.IsValid)
                    {
                        foreach (var problem in next.Problems)
                            reloadLog.LogError("Reload refused, nothing changed: {Source}: {Problem}", next.Source ?? "(defaults)", problem.ToString());
                        return;
                    }
                    await runner.ReloadAsync(next.Options);
                }, CancellationToken.None);
            });
            var capture = options.Capture;
            // Workers of one run share a fanout group; the process id keeps two runs on one host apart.
            var fanoutGroup = (ushort)(1 + Environment.ProcessId % 65534);
            LiveCaptureOptions Live(ushort? group) => new()
            {
                Interface = capture.Interface!,
                BpfFilter = capture.BpfFilter,
                Promiscuous = capture.Promiscuous,
                SnapLength = capture.SnapLength,
                BufferSizeBytes = capture.BufferSizeMiB * 1024 * 1024,
                ImmediateMode = capture.ImmediateMode,
                ReadTimeout = TimeSpan.FromMilliseconds(capture.ReadTimeoutMs),
                FanoutGroup = group,
            };
            var request = new RunRequest
            {
                Options = options,
                Mode = RunMode.Live,
                InterfaceName = capture.Interface!,
                SourceName = capture.Interface!,
                Workers = capture.Workers,
                OpenSource = () => LiveCaptureSource.Open(Live(null)),
                OpenWorkerSource = _ => LiveCaptureSource.Open(Live(fanoutGroup)),
            };
            // The generic host: its console lifetime turns SIGTERM, SIGINT and SIGQUIT into a stop; the stop may take as
            // long as the outbox's own deadline plus the firewall's last batch.
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton(loggers);
            builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Notify.Outbox.StopTimeout + TimeSpan.FromSeconds(30));
            builder.Services.AddSingleton(runner);
            builder.Services.AddSingleton(request);
            builder.Services.AddSingleton<PipelineService>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PipelineService>());
            using var host = builder.Build();
            var pipeline = host.Services.GetRequiredService<PipelineService>();
            await host.RunAsync(cancellation); // disposes the host's services: the pipeline's exit code is read from the instance
            return pipeline.ExitCode;
        });
        return command;
    }
}
