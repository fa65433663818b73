using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RustIds.Detection;
using RustIds.Notify;
using RustIds.Reputation;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;
using RustIds.Engine.Composition;
using RustIds.Response;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// The response stage: for each alert, record it, score its offender, block when the verdict says so,
/// tell people, and write the EVE line. Alerts are handled one at a time, in capture order.
/// </summary>
/// <remarks>
/// Every failure of an outside part (SQLite, nft, SMTP) is caught here, at the stage boundary,
/// logged once and counted; the alert stream goes on.
/// </remarks>
public sealed partial class AlertResponder(
    ResponseContext context,
    PipelineCounters counters,
    ILogger<AlertResponder> logger)
{
    private readonly RecentAlerts _recent = new(context.Options.AlertWindow);
    private bool _eveFailing;

    /// <summary>Handles alerts, and writes the EVE records queued between them, until the channel completes or <paramref name="cancellation"/> fires.</summary>
    public async Task RunAsync(ChannelReader<WorkerOutput> alerts, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        await foreach (var item in alerts.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            if (item.Alert is { } alert)
                await HandleAsync(alert, cancellation).ConfigureAwait(false);
            else if (item.Record is { } record)
                WriteRecord(record);
        }
    }

    private void WriteRecord(EveEvent record)
    {
        if (TryWriteEve(record, static (eve, r) => eve.WriteEvent(r)))
            counters.CountEveEventWritten();
    }

    /// <summary>Writes to EVE; a full or vanished disk costs the line (counted, logged when it starts failing), never the alert stream.</summary>
    private bool TryWriteEve<TState>(TState state, Action<EveWriter, TState> write)
    {
        try
        {
            write(context.Eve, state);
            _eveFailing = false;
            return true;
        }
        catch (IOException ex)
        {
            counters.CountEveWriteFailed();
            if (!_eveFailing)
                LogEveWriteFailed(logger, ex, context.Eve.Path);
            _eveFailing = true;
            return false;
        }
    }

    /// <summary>Handles one alert; never throws for a failing outside part.</summary>
    public async Task HandleAsync(Alert alert, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(alert);
        context.Clock?.AdvanceTo(alert.Timestamp);
        counters.CountAlert(alert.Gid, alert.Sid, alert.Signature, alert.Severity);
        if (alert.ReportsVictim)
        {
            // A flood from many (likely spoofed) sources: logged and counted, but no source is scored or blocked for it.
            TryWriteEve(alert, static (eve, a) => eve.WriteAlert(a, EveAlertAction.Allowed));
            context.RecentAlerts?.Add(alert, EveAlertAction.Allowed);
            context.Transcript?.Alert(alert, EveAlertAction.Allowed);
            return;
        }
        var offender = alert.Offender;
        var window = _recent.Add(alert);

        AddressHistory history;
        try
        {
            context.ThreatDb.RecordAlert(alert);
            history = context.ThreatDb.GetHistory(offender);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogStoreFailed(logger, ex, offender.ToString());
            history = AddressHistory.None(offender);
        }

        var verdict = context.Scorer.Score(offender, window, context.Reputation.Context(history, alert.Timestamp));
        var action = EveAlertAction.Allowed;
        if (verdict.ChangesFirewall)
        {
            var outcome = await BlockAsync(verdict, window, cancellation).ConfigureAwait(false);
            if (outcome is { IsBlocked: true, Action: FirewallAction.Block })
                action = EveAlertAction.Blocked;
        }
        else
        {
            Decided(new DecisionSummary(alert.Timestamp, offender, verdict.Action.ToString().ToLowerInvariant(),
                verdict.Score, verdict.BlockThreshold, null, verdict.Explain()));
        }
        TryWriteEve((alert, action), static (eve, a) => eve.WriteAlert(a.alert, a.action));
        context.RecentAlerts?.Add(alert, action);
        context.Transcript?.Alert(alert, action);
    }

    private void Decided(DecisionSummary decision)
    {
        counters.RecordDecision(decision);
        context.Transcript?.Decision(decision);
    }

    private async Task<BlockOutcome?> BlockAsync(Verdict verdict, IReadOnlyList<Alert> window, CancellationToken cancellation)
    {
        var rules = RuleHit.Summarize(window);
        var rulesSummary = string.Join("; ", rules.Select(r => $"{r.Gid}:{r.Sid}:{r.Rev} {r.Signature} x{r.Count}"));
        var now = context.Time.GetUtcNow();
        BlockOutcome outcome;
        try
        {
            outcome = await context.Blocks.BlockAsync(verdict, rulesSummary, cancellation).ConfigureAwait(false);
        }
        catch (FirewallCommandException ex)
        {
            LogBlockFailed(logger, ex, verdict.Address.ToString(), ex.StandardError);
            Decided(new DecisionSummary(now, verdict.Address, "block-failed", verdict.Score, verdict.BlockThreshold, null, verdict.Explain()));
            return null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            // The store is written first: a failed write means nothing was applied either.
            LogStoreFailed(logger, ex, verdict.Address.ToString());
            Decided(new DecisionSummary(now, verdict.Address, "block-failed", verdict.Score, verdict.BlockThreshold, null, verdict.Explain()));
            return null;
        }

        // Only a new block is an offence in the history: a refused block (allowlist, capacity) or an extension of one
        // already in place is recorded as evidence, so it neither escalates nor decays into the next block's score.
        TryRecordVerdict(outcome.Kind == BlockOutcomeKind.Blocked ? verdict : verdict with { Action = VerdictAction.Alert }, now);
        var outcomeName = outcome.Kind switch
        {
            BlockOutcomeKind.Blocked when outcome.Action == FirewallAction.RateLimit => "rate-limited",
            BlockOutcomeKind.Blocked => "blocked",
            BlockOutcomeKind.Extended => "extended",
            BlockOutcomeKind.RefusedAllowlisted => "refused-allowlisted",
            BlockOutcomeKind.RefusedCapacity => "refused-capacity",
            _ => "ignored",
        };
        Decided(new DecisionSummary(now, verdict.Address, outcomeName, verdict.Score, verdict.BlockThreshold, outcome.ExpiresAt,
            verdict.Explain() + (outcome.Reason is { } reason ? Environment.NewLine + "  " + reason : "")
            + (outcome.AggregatedInto is { } prefix ? Environment.NewLine + $"  blocked as part of {prefix}" : "")));
        var notice = new BlockNotice
        {
            Address = verdict.Address,
            Country = verdict.Country,
            Score = verdict.Score,
            BlockThreshold = verdict.BlockThreshold,
            Reasons = verdict.Reasons,
            Rules = rules,
            Action = outcomeName,
            Duration = verdict.Duration,
            ExpiresAt = outcome.ExpiresAt,
            DecidedAt = now,
            UnblockCommand = $"rustids block remove {(outcome.AggregatedInto is { } aggregate ? aggregate.ToString() : verdict.Address.ToString())}",
            Hostname = context.Hostname,
            Severity = NoticeSeverities.FromAlertSeverity(window.Count == 0 ? 0 : window.Min(a => a.Severity), verdict.EscalationLevel),
            EscalationLevel = verdict.EscalationLevel,
        };
        context.Decisions.WriteDecision(verdict, now, outcomeName, outcome.ExpiresAt);
        if (outcome.Kind == BlockOutcomeKind.Blocked)
        {
            LogBlocked(logger, verdict.Address.ToString(), outcome.ExpiresAt?.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-", verdict.Score);
            _recent.Forget(verdict.Address);
            context.Notifications.Enqueue(notice);
        }
        else if (outcome.Kind == BlockOutcomeKind.RefusedAllowlisted)
        {
            LogRefused(logger, verdict.Address.ToString(), outcome.Reason ?? "allowlisted");
        }
        return outcome;
    }

    private void TryRecordVerdict(Verdict verdict, DateTimeOffset at)
    {
        try
        {
            context.ThreatDb.RecordVerdict(verdict, at);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogStoreFailed(logger, ex, verdict.Address.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blocked {Address} until {ExpiresAt} (score {Score})")]
    private static partial void LogBlocked(ILogger logger, string address, string expiresAt, int score);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not blocking {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string address, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blocking {Address} failed; the firewall is unchanged: {StandardError}")]
    private static partial void LogBlockFailed(ILogger logger, Exception exception, string address, string standardError);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing EVE to {Path} failed; lines are lost (counted as eve write_failures) until it works again")]
    private static partial void LogEveWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Threat database write for {Address} failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string address);
}
