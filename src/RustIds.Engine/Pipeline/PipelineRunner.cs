using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RustIds.Detection;
using RustIds.Detection.Behaviour;
using RustIds.Engine.Composition;
using RustIds.Engine.Explain;
using RustIds.Engine.Feeds;
using RustIds.Engine.Loading;
using RustIds.Engine.Scheduling;
using RustIds.Engine.Web;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;
using RustIds.Rules;
using RustIds.Rules.Evaluation;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// Builds the whole pipeline from a <see cref="RunRequest"/> and runs it: one capture thread, the
/// response stage, the maintenance jobs (expiry sweep and reconciliation, live) and the notification sender, then stops them in order so
/// nothing queued is lost.
/// </summary>
public sealed partial class PipelineRunner(ILoggerFactory loggers)
{
    private readonly ILogger<PipelineRunner> _logger = loggers.CreateLogger<PipelineRunner>();
    private Action? _reopenLogs;

    /// <summary>
    /// Reopens the EVE and decision logs at their paths (after logrotate moved them); a no-op when not running.
    /// Thread-safe: called from a signal handler.
    /// </summary>
    public void ReopenLogs() => Volatile.Read(ref _reopenLogs)?.Invoke();

    private Func<Configuration.RustIdsOptions?, Task<bool>>? _reload;

    /// <summary>
    /// Reloads what can change while capture goes on (SIGHUP): the rule files (the workers keep the old rules until the
    /// new ones are compiled), the allowlist (blocks it now covers are lifted) and the notifier settings. Each part that
    /// fails keeps its old state and logs why; the others still change.
    /// </summary>
    /// <param name="next">The configuration read again; null reloads the rule files of the running one only.</param>
    /// <returns>True when every part reloaded; false when one failed or no run is active.</returns>
    public Task<bool> ReloadAsync(Configuration.RustIdsOptions? next = null) => Volatile.Read(ref _reload)?.Invoke(next) ?? Task.FromResult(false);

    /// <exception cref="PcapException">The packet source could not be opened.</exception>
    /// <exception cref="Response.FirewallCommandException">The firewall could not be set up.</exception>
    public async Task<RunReport> RunAsync(RunRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var warnings = new List<string>();

        var loadStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var rules = RuleSetLoader.Load(options.Rules);
        foreach (var diagnostic in rules.Diagnostics)
            LogRuleDiagnostic(_logger, diagnostic.ToString());
        LogRulesLoaded(_logger, rules.Rules.Count, rules.FileCount, rules.ErrorCount);
        var ruleSets = new RuleSetHolder(new CompiledRuleSet(rules.Rules, thresholds: rules.ThresholdConfig));
        var ruleLoadTime = System.Diagnostics.Stopwatch.GetElapsedTime(loadStarted);
        using var disposeRules = new DisposeCurrent(ruleSets);

        // Open the capture before touching the firewall: a wrong interface or file must change nothing.
        using var sources = CaptureSources.Open(request);

        var replay = request.Mode == RunMode.Replay;
        var clock = replay ? new PacketClock(DateTimeOffset.UnixEpoch) : null;
        TimeProvider time = clock ?? TimeProvider.System;
        EnsureDirectoryFor(options.Storage.DatabasePath);
        using var threatDb = ThreatDb.Open(options.Storage.DatabasePath);
        using var response = ResponseComponents.Create(options, options.Firewall.Backend, options.Storage.DatabasePath, time, loggers);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // Feeds load from local files and the cache only; downloads happen in the scheduled refreshes. Their copies are
        // stamped with the wall clock even in a replay: on packet time, a replay wrote "fetched in 1970" into the shared cache.
        using var reputation = ReputationSources.Load(options, response.Manager.Allowlist.ToCidrSet(), new FeedFetcher(http), TimeProvider.System, warnings);
        foreach (var warning in warnings)
            LogInputWarning(_logger, warning);
        // A replay starts from an empty firewall picture: reconciling it with the live store would be wrong.
        var drift = await response.Manager.StartAsync(reconcile: !replay, cancellation).ConfigureAwait(false);
        if (!replay)
            LogReconciled(_logger, drift);

        using var eve = new EveWriter(options.Eve.Path, options.Eve.ToRotation());
        using var decisions = new DecisionLogWriter(options.Eve.DecisionLogPath, options.Eve.ToRotation());
        Volatile.Write(ref _reopenLogs, () =>
        {
            eve.Reopen();
            decisions.Reopen();
            LogReopened(_logger, eve.Path);
        });
        // Delivery runs on wall-clock time even in a replay: retries and digests are about servers and people, not packets.
        var (notifications, delivery) = NotifierFactory.OpenOutbox(options.Notify, options.Storage.DatabasePath, Environment.MachineName, http, TimeProvider.System, loggers);
        using var closeOutbox = notifications;
        await using var stopDelivery = delivery;
        var counters = new PipelineCounters();
        counters.RecordRuleLoad(ruleSets.Current.Count, ruleLoadTime, reload: false);
        var startedAt = TimeProvider.System.GetUtcNow();
        using var transcript = replay && request.TranscriptPath is { } transcriptPath ? new ReplayTranscript(transcriptPath) : null;
        var context = new ResponseContext
        {
            Options = options.Reputation,
            Time = time,
            Clock = clock,
            ThreatDb = threatDb,
            Scorer = new ReputationScorer(ScoringOptionsFactory.Create(options.Reputation)),
            Reputation = reputation,
            Blocks = response.Manager,
            Eve = eve,
            Decisions = decisions,
            Notifications = transcript ?? (INoticeSink)notifications,
            Transcript = transcript,
            Hostname = Environment.MachineName,
            RecentAlerts = replay ? null : new AlertLog(),
        };

        // Before the capture starts: a port in use stops the run before a packet is read.
        await using var web = replay ? null : await StartWebAsync(options, new PipelineMetrics
        {
            Counters = counters,
            Capture = sources.Statistics,
            Blocks = response.Manager,
            Backend = response.Backend.Name,
            Feeds = reputation.Feeds.Registry,
            Notifications = notifications,
            Delivery = delivery,
            Time = time,
            StartedAt = startedAt,
        }, token => new ApiServices
        {
            Token = token,
            Blocks = response.Manager,
            Backend = response.Backend.Name,
            Alerts = context.RecentAlerts!,
            Counters = counters,
            Feeds = reputation.Feeds.Registry,
            Explainer = new AddressExplainer(() => response.Manager.Allowlist, () => reputation.Feeds.Registry.Current, reputation.GeoIp, reputation.Asn, context.Scorer),
            DatabasePath = options.Storage.DatabasePath,
            Decisions = decisions,
            Notifications = notifications,
            Time = time,
            StartedAt = startedAt,
            Logger = _logger,
        }, cancellation).ConfigureAwait(false);

        var singleWriter = sources.Count == 1;
        var eveEvents = options.Eve.Events;
        // Records (flow, http, dns, tls) share the alerts' queue, so they stay in capture order; in a live run they get
        // their own room on top of the alerts' (they are dropped past it, alerts never because of them).
        var alerts = replay
            ? Channel.CreateUnbounded<WorkerOutput>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = singleWriter })
            : Channel.CreateBounded<WorkerOutput>(new BoundedChannelOptions(options.Capture.AlertQueueCapacity + (eveEvents.Any ? eveEvents.QueueCapacity : 0))
            { SingleReader = true, SingleWriter = singleWriter });
        Func<int>? eveBacklog = replay ? null : () => alerts.Reader.Count;

        using var stopCapture = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var breakOnStop = stopCapture.Token.Register(sources.BreakAll);
        var loops = new DetectionLoop[sources.Count];
        var evaluators = new RuleEvaluator[sources.Count];
        using var disposeEvaluators = new DisposeAll(evaluators);
        for (var i = 0; i < loops.Length; i++)
        {
            var evaluator = evaluators[i] = ruleSets.Current.CreateEvaluator(options.Rules.StreamWindowBytes, options.Rules.StreamWindowMemcapMiB);
            var records = eveEvents.Any ? new EveEventObserver(eveEvents, request.InterfaceName, options.Packets.MaxFlows, alerts.Writer, eveBacklog, counters) : null;
            var detectors = options.Detectors.Enabled ? new DetectorSet(options.Detectors, new DetectionQueue(alerts.Writer, counters), request.InterfaceName) : null;
            IAppLayerObserver observer = detectors is null ? evaluator : new DetectorFanout(evaluator, detectors);
            if (records is not null)
                observer = new AppLayerFanout(observer, records);
            var processor = new PacketProcessor(sources[i].LinkType, PacketProcessorOptionsFactory.Create(options.Packets, workerIndex: i), observer,
                FlowObserverFanout.Combine(detectors, records));
            detectors?.Attach(processor.Flows);
            counters.AddWorker(processor);
            counters.AddEvaluator(evaluator);
            loops[i] = new DetectionLoop(sources[i], processor, ruleSets, evaluator, new SignatureAlertFactory(request.InterfaceName, options.Eve.IncludePayload,
                includePacket: options.Eve.IncludePacket),
                alerts.Writer, counters, detectors);
        }
        var captureDone = CaptureThreads.Start(loops, stopCapture.Token, () => alerts.Writer.TryComplete(), () => stopCapture.Cancel());
        LogCapturing(_logger, request.SourceName, ruleSets.Current.Count, response.Backend.Name);
        // Set for live runs below; a reload before then (or in a replay) leaves the feeds alone.
        FeedUpdater? feeds = null;
        MaintenanceScheduler? maintenance = null;
        Volatile.Write(ref _reload, async next =>
        {
            var rulesOk = Reload((next ?? options).Rules, ruleSets, loops, counters);
            if (next is null)
                return rulesOk;
            var responseOk = await ReloadResponseAsync(next, response.Manager, delivery, http).ConfigureAwait(false);
            var feedsOk = feeds is null || maintenance is null
                || await ReloadFeedsAsync(next, feeds, maintenance, response.Manager.Allowlist.ToCidrSet()).ConfigureAwait(false);
            return rulesOk & responseOk & feedsOk;
        });

        var responder = new AlertResponder(context, counters, loggers.CreateLogger<AlertResponder>());
        // Every end of a block goes to the decision log; a notice only when the operator asked for unblock notices.
        // The sweep that calls this runs in live runs only: a replay's clock is the packets', and it sweeps once at the end.
        void OnExpired(Response.BlockRecord record)
        {
            decisions.WriteUnblock(record, "expired", time.GetUtcNow());
            if (options.Notify.UnblockNotices)
                notifications.Enqueue(BlockNotice.FromEndedBlock(record, "expired", time.GetUtcNow(), context.Hostname));
        }
        if (!replay)
        {
            feeds = new FeedUpdater(reputation.Catalog, reputation.Feeds, response.Backend, loggers.CreateLogger<FeedUpdater>());
            await feeds.SyncFirewallAsync(cancellation).ConfigureAwait(false);
            maintenance = await ScheduleMaintenanceAsync(response.Manager, response.Store, options.Firewall, OnExpired, cancellation).ConfigureAwait(false);
            await feeds.ScheduleAsync(maintenance, cancellation).ConfigureAwait(false);
            await ScheduleRetentionAsync(maintenance, threatDb, options.Reputation.HistoryRetention, time, cancellation).ConfigureAwait(false);
            if (options.Eve.StatsInterval is { } statsEvery)
            {
                await maintenance.ScheduleEveryAsync("eve-stats", statsEvery, _ =>
                {
                    eve.WriteStats(Stats(counters, sources, startedAt), TimeProvider.System.GetUtcNow());
                    return Task.CompletedTask;
                }, cancellation).ConfigureAwait(false);
            }
            await NotificationDigestJob.ScheduleAsync(maintenance, notifications, options.Notify.Outbox.KeepDelivered, _logger, cancellation).ConfigureAwait(false);
        }

        // The responder drains every alert the capture queued, even after a stop was requested.
        try
        {
            await responder.RunAsync(alerts.Reader, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // If the responder failed unexpectedly, the capture thread must not outlive the run.
            await stopCapture.CancelAsync().ConfigureAwait(false);
            await captureDone.ConfigureAwait(false);
            if (maintenance is not null)
                await maintenance.DisposeAsync().ConfigureAwait(false);
        }

        var expired = 0;
        if (replay && counters.LastPacketTime is { } end)
        {
            // Close the blocks that ran out within the capture, exactly as the live sweep would have.
            clock!.AdvanceTo(end);
            var ended = await response.Manager.ExpireAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var record in ended)
            {
                decisions.WriteUnblock(record, "expired", time.GetUtcNow());
                transcript?.Unblock(record, "expired", time.GetUtcNow());
            }
            expired = ended.Count;
            if (options.Eve.StatsInterval is not null)
                eve.WriteStats(Stats(counters, sources, startedAt), end);
        }
        // Send what is due within the deadline; the rest stays in the outbox for the next start.
        await delivery.StopAsync(options.Notify.Outbox.StopTimeout).ConfigureAwait(false);
        var queued = notifications.Counts().Queued + notifications.Unsaved;
        Volatile.Write(ref _reopenLogs, null);
        Volatile.Write(ref _reload, null);

        var failedLoop = Array.Find(loops, l => l.Failed);
        var stopReason = (failedLoop ?? loops[0]).StopReason ?? "stopped";
        var failed = failedLoop is not null;
        return new RunReport
        {
            Counters = counters,
            Capture = sources.Statistics(),
            Rules = rules,
            StopReason = stopReason,
            CaptureFailed = failed,
            Warnings = warnings,
            EvePath = eve.Path,
            TranscriptPath = transcript?.Path,
            FirewallBackend = response.Backend.Name,
            NotificationsSent = delivery.Sent,
            NotificationsFailed = delivery.FailedAttempts,
            NotificationsQueued = queued,
            BlocksExpired = expired,
        };
    }

    /// <summary>
    /// Starts <c>/metrics</c> and the API with its dashboard, where configured; null when both are off. The API needs its
    /// token file: without a usable one it stays off and the log says why, while the metrics are served anyway.
    /// </summary>
    private async Task<WebServer?> StartWebAsync(Configuration.RustIdsOptions options, PipelineMetrics metrics, Func<ApiToken, ApiServices> api, CancellationToken cancellation)
    {
        var metricsAt = options.Metrics.ListenEndpoint();
        var apiAt = options.Api.ListenEndpoint();
        ApiToken? token = null;
        if (apiAt is not null)
        {
            token = ApiToken.TryLoad(options.Api.TokenFile, out var problem);
            if (token is null)
            {
                LogApiOff(_logger, problem!);
                apiAt = null;
            }
        }
        if (metricsAt is null && apiAt is null)
            return null;
        var server = await WebServer.StartAsync(metricsAt, metrics, apiAt, token is null ? null : api(token), loggers, cancellation).ConfigureAwait(false);
        if (metricsAt is not null)
            LogMetricsListening(_logger, metricsAt.ToString());
        if (apiAt is not null)
            LogApiListening(_logger, apiAt.ToString());
        return server;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics at http://{Endpoint}/metrics")]
    private static partial void LogMetricsListening(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "API and dashboard at http://{Endpoint}/")]
    private static partial void LogApiListening(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API and dashboard off: {Problem}")]
    private static partial void LogApiOff(ILogger logger, string problem);

    /// <summary>The expiry sweep and the reconciliation as Quartz jobs; their failures are logged and retried at the next tick.</summary>
    private async Task<MaintenanceScheduler> ScheduleMaintenanceAsync(
        Response.BlockManager manager, Response.BlockStore store, Configuration.FirewallOptions firewall, Action<Response.BlockRecord>? onExpired,
        CancellationToken cancellation)
    {
        var scheduler = await MaintenanceScheduler.StartAsync(cancellation).ConfigureAwait(false);
        await scheduler.ScheduleEveryAsync("expiry-sweep", firewall.ExpirySweepInterval, async stop =>
        {
            try
            {
                foreach (var record in await manager.ExpireAsync(stop).ConfigureAwait(false))
                {
                    LogExpired(_logger, record.TargetText, record.Id);
                    onExpired?.Invoke(record);
                }
                // Here, not on commit: the block path only appends to the WAL (see BlockStore.Checkpoint).
                store.Checkpoint();
            }
            catch (Exception ex) when (ex is Response.FirewallCommandException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogSweepFailed(_logger, ex);
            }
        }, cancellation).ConfigureAwait(false);
        await scheduler.ScheduleEveryAsync("reconcile", firewall.ReconcileInterval, async stop =>
        {
            try
            {
                var drift = await manager.ReconcileAsync(stop).ConfigureAwait(false);
                if (drift > 0)
                    LogReconciled(_logger, drift);
            }
            catch (Exception ex) when (ex is Response.FirewallCommandException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException)
            {
                LogReconcileFailed(_logger, ex);
            }
        }, cancellation).ConfigureAwait(false);
        return scheduler;
    }

    /// <summary>Prunes the threat DB daily at 03:30 to the configured retention.</summary>
    private async Task ScheduleRetentionAsync(MaintenanceScheduler scheduler, ThreatDb threatDb, TimeSpan retention, TimeProvider time, CancellationToken cancellation) =>
        await scheduler.ScheduleCronAsync("threat-db-retention", "0 30 3 * * ?", stop =>
        {
            try
            {
                var (alerts, verdicts) = threatDb.Prune(time.GetUtcNow() - retention);
                LogPruned(_logger, alerts, verdicts, retention);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                LogPruneFailed(_logger, ex);
            }
            return Task.CompletedTask;
        }, cancellationToken: cancellation).ConfigureAwait(false);

    /// <summary>The counters of an EVE stats event; uptime is wall-clock time since the run started.</summary>
    private static EveStats Stats(PipelineCounters counters, CaptureSources sources, DateTimeOffset startedAt)
    {
        var snapshot = counters.Snapshot();
        var capture = sources.Statistics();
        return new EveStats(
            TimeProvider.System.GetUtcNow() - startedAt,
            counters.Packets,
            counters.Bytes,
            counters.DecodeErrors,
            capture?.Received,
            capture?.Dropped,
            capture?.InterfaceDropped,
            snapshot.Get("flows", "created"),
            snapshot.Get("flows", "active"),
            counters.AlertsHandled,
            counters.AlertsDropped);
    }

    private static void EnsureDirectoryFor(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
    }

    /// <summary>Loads and compiles the rules off the capture threads, publishes them, and retires the old set once every worker switched.</summary>
    private bool Reload(Configuration.RulesOptions options, RuleSetHolder ruleSets, DetectionLoop[] loops, PipelineCounters counters)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        CompiledRuleSet next;
        try
        {
            var rules = RuleSetLoader.Load(options);
            var unreadable = rules.Diagnostics.FirstOrDefault(d => d.Kind == RuleDiagnosticKind.Io);
            if (unreadable is not null)
            {
                LogReloadFailed(_logger, unreadable.ToString());
                return false;
            }
            foreach (var diagnostic in rules.Diagnostics)
                LogRuleDiagnostic(_logger, diagnostic.ToString());
            next = new CompiledRuleSet(rules.Rules, thresholds: rules.ThresholdConfig);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            LogReloadFailed(_logger, ex.Message);
            return false;
        }
        var previous = ruleSets.Publish(next);
        counters.RecordRuleLoad(next.Count, started.Elapsed, reload: true);
        // Workers switch between two frames; a stopped worker never will, and a quiet interface switches on its read timeout.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && Array.Exists(loops, l => l.StopReason is null && !ReferenceEquals(l.ActiveRules, next)))
            Thread.Sleep(10);
        if (Array.TrueForAll(loops, l => l.StopReason is not null || ReferenceEquals(l.ActiveRules, next)))
            previous.Dispose();
        LogRulesReloaded(_logger, next.Count, previous.Count, started.ElapsedMilliseconds);
        return true;
    }

    /// <summary>The feeds of a reloaded configuration: the catalog read again, feeds dropped or added, every enabled one refreshed now.</summary>
    private async Task<bool> ReloadFeedsAsync(Configuration.RustIdsOptions next, FeedUpdater feeds, MaintenanceScheduler maintenance, Reputation.Addresses.CidrSet protectedSet)
    {
        var catalog = FeedCatalog.Load(next.Reputation, protectedSet);
        foreach (var problem in catalog.Problems)
            LogFeedReloadProblem(_logger, problem.ToString());
        try
        {
            var dropped = await feeds.ReloadAsync(catalog, maintenance, CancellationToken.None).ConfigureAwait(false);
            LogFeedsReloaded(_logger, catalog.Enabled.Count(), dropped);
            return catalog.Problems.Count == 0;
        }
        catch (FormatException ex)
        {
            LogFeedReloadProblem(_logger, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feeds reloaded: {Enabled} enabled (each refreshed now), {Dropped} dropped")]
    private static partial void LogFeedsReloaded(ILogger logger, int enabled, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed reload: {Problem}")]
    private static partial void LogFeedReloadProblem(ILogger logger, string problem);

    /// <summary>The allowlist and the notifier settings of a reloaded configuration.</summary>
    private async Task<bool> ReloadResponseAsync(Configuration.RustIdsOptions next, Response.BlockManager blocks, OutboxDelivery delivery, HttpClient http)
    {
        var ok = true;
        try
        {
            var allowlist = Response.Allowlist.Load(ResponseComponents.ToAllowlistOptions(next.Firewall));
            var lifted = await blocks.ReplaceAllowlistAsync(allowlist, CancellationToken.None).ConfigureAwait(false);
            LogAllowlistReloaded(_logger, allowlist.Entries.Count, lifted);
        }
        catch (Exception ex) when (ex is Response.FirewallCommandException or Microsoft.Data.Sqlite.SqliteException or IOException or ArgumentException)
        {
            LogAllowlistReloadFailed(_logger, ex.Message);
            ok = false;
        }
        try
        {
            var changed = delivery.ReplaceChannels(NotifierFactory.CreateChannels(next.Notify, http, loggers));
            LogNotifiersReloaded(_logger);
            if (changed.Count > 0)
                LogChannelsNeedRestart(_logger, string.Join(", ", changed));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            LogNotifiersReloadFailed(_logger, ex.Message);
            ok = false;
        }
        return ok;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Allowlist reloaded: {Entries} entries; {Changes} firewall entries changed to match it")]
    private static partial void LogAllowlistReloaded(ILogger logger, int entries, int changes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Allowlist reload failed, the previous allowlist stays in force: {Reason}")]
    private static partial void LogAllowlistReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifier settings reloaded")]
    private static partial void LogNotifiersReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification channels added or removed take effect at the next start: {Channels}")]
    private static partial void LogChannelsNeedRestart(ILogger logger, string channels);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifier reload failed, the previous settings stay in use: {Reason}")]
    private static partial void LogNotifiersReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules reloaded: {Rules} rules in use (was {Previous}), compiled in {Milliseconds} ms")]
    private static partial void LogRulesReloaded(ILogger logger, int rules, int previous, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule reload failed, the previous rules stay in use: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Diagnostic}")]
    private static partial void LogRuleDiagnostic(ILogger logger, string diagnostic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Rules} rules from {Files} files ({Errors} rules with errors skipped)")]
    private static partial void LogRulesLoaded(ILogger logger, int rules, int files, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogInputWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Firewall reconciled with the stored blocks ({Drift} corrections)")]
    private static partial void LogReconciled(ILogger logger, int drift);

    [LoggerMessage(Level = LogLevel.Information, Message = "Threat DB pruned to {Retention}: {Alerts} alerts and {Verdicts} verdicts removed")]
    private static partial void LogPruned(ILogger logger, int alerts, int verdicts, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Threat DB pruning failed; retried tomorrow")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Capturing on {Source} with {Rules} rules, firewall {Backend}")]
    private static partial void LogCapturing(ILogger logger, string source, int rules, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reopened {EvePath} and the decision log")]
    private static partial void LogReopened(ILogger logger, string evePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Block of {Target} expired (block {BlockId})")]
    private static partial void LogExpired(ILogger logger, string target, long blockId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation failed; retrying at the next tick")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
