using System.Collections.Concurrent;
using RustIds.Packets;
using RustIds.Packets.Processing;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// What the pipeline did, for the replay summary and (later) metrics. Packet counters are written by
/// the one capture thread only; alert and decision counters by the response stage.
/// </summary>
public sealed class PipelineCounters
{
    private readonly List<PacketProcessor> _workers = [];
    private readonly List<RustIds.Rules.Evaluation.RuleEvaluator> _evaluators = [];
    private long _alertsDropped;
    private long _alertsHandled;
    private long _eveEventsDropped;
    private long _eveEventsWritten;
    private long _eveWriteFailures;
    private long _ruleLoadTicks;
    private int _rulesInUse;
    private long _ruleReloads;
    private long _lastPacketTicks;
    private readonly ConcurrentDictionary<(int Gid, long Sid), SidCount> _alertsBySid = new();
    private readonly ConcurrentQueue<DecisionSummary> _decisions = new();
    private readonly ConcurrentDictionary<string, long> _verdicts = new(StringComparer.Ordinal);

    public long Packets => Sum(static d => d.Packets);
    public long Bytes => Sum(static d => d.Bytes);
    public long DecodeErrors => Sum(static d => d.Truncated + d.Malformed);
    public long AlertsDropped => Volatile.Read(ref _alertsDropped);
    public long AlertsHandled => Volatile.Read(ref _alertsHandled);

    /// <summary>Flow and transaction records (<c>Eve:Events</c>) written to EVE.</summary>
    public long EveEventsWritten => Volatile.Read(ref _eveEventsWritten);

    /// <summary>Flow and transaction records dropped because the writer fell behind (live runs only).</summary>
    public long EveEventsDropped => Volatile.Read(ref _eveEventsDropped);

    /// <summary>EVE lines (alerts or records) lost to a failed write (disk full, file gone).</summary>
    public long EveWriteFailures => Volatile.Read(ref _eveWriteFailures);

    /// <summary>Time of the latest packet seen, or null before the first.</summary>
    public DateTimeOffset? LastPacketTime => Volatile.Read(ref _lastPacketTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public long DecodeCount(DecodeStatus status) => Sum(d => d.Get(status));

    /// <summary>Adds a capture worker's packet path, whose counters these sums include; before the worker starts.</summary>
    public void AddWorker(PacketProcessor processor)
    {
        lock (_workers)
            _workers.Add(processor);
    }

    /// <summary>Adds a capture worker's rule evaluator, whose stream-matching and overflow counters <see cref="Snapshot"/> includes.</summary>
    public void AddEvaluator(RustIds.Rules.Evaluation.RuleEvaluator evaluator)
    {
        lock (_workers)
            _evaluators.Add(evaluator);
    }

    /// <summary>Notes a frame's capture time; called on a capture thread for every frame, allocation-free.</summary>
    public void SeePacketTime(long timestampTicks)
    {
        if (timestampTicks > Volatile.Read(ref _lastPacketTicks))
            Volatile.Write(ref _lastPacketTicks, timestampTicks);
    }

    /// <summary>Every packet-path counter of every worker (summed by name) plus the alert counters, for <c>--stats</c>.</summary>
    public CounterSnapshot Snapshot()
    {
        var snapshot = new CounterSnapshot();
        lock (_workers)
        {
            foreach (var worker in _workers)
                worker.AddTo(snapshot);
            // Read from another thread while the workers run: each is a single aligned 64-bit read, good enough for stats.
            foreach (var evaluator in _evaluators)
            {
                snapshot.Add("detect", "stream_bytes_inspected", evaluator.StreamBytesInspected);
                snapshot.Add("detect", "stream_matches", evaluator.StreamMatches);
                snapshot.Add("detect", "stream_windows_refused", evaluator.StreamWindowsRefused);
                snapshot.Add("detect", "pending_overflows", evaluator.PendingOverflows);
                snapshot.Add("detect", "truncated_transforms", evaluator.TruncatedTransforms);
            }
        }
        snapshot.Add("detect", "alerts", AlertsHandled);
        snapshot.Add("detect", "alerts_dropped", AlertsDropped);
        snapshot.Add("eve", "events_written", EveEventsWritten);
        snapshot.Add("eve", "events_dropped", EveEventsDropped);
        snapshot.Add("eve", "write_failures", EveWriteFailures);
        return snapshot;
    }

    public void CountAlertDropped() => Interlocked.Increment(ref _alertsDropped);

    public void CountEveEventDropped() => Interlocked.Increment(ref _eveEventsDropped);

    public void CountEveEventWritten() => Interlocked.Increment(ref _eveEventsWritten);

    public void CountEveWriteFailed() => Interlocked.Increment(ref _eveWriteFailures);

    /// <summary>Rules in use after the latest (re)load.</summary>
    public int RulesInUse => Volatile.Read(ref _rulesInUse);

    /// <summary>How long the latest rule load (reading, parsing and compiling) took.</summary>
    public TimeSpan RuleLoadTime => TimeSpan.FromTicks(Interlocked.Read(ref _ruleLoadTicks));

    /// <summary>Successful reloads since start (SIGHUP).</summary>
    public long RuleReloads => Interlocked.Read(ref _ruleReloads);

    /// <summary>Notes a rule set now in use: at start (<paramref name="reload"/> false) or after a reload.</summary>
    public void RecordRuleLoad(int rules, TimeSpan took, bool reload)
    {
        Volatile.Write(ref _rulesInUse, rules);
        Interlocked.Exchange(ref _ruleLoadTicks, took.Ticks);
        if (reload)
            Interlocked.Increment(ref _ruleReloads);
    }

    public void CountAlert(int gid, long sid, string signature, int severity = 3)
    {
        Interlocked.Increment(ref _alertsHandled);
        _alertsBySid.AddOrUpdate((gid, sid), _ => new SidCount(gid, sid, signature, 1, severity), (_, c) => c with { Count = c.Count + 1 });
    }

    /// <summary>Keeps a decision for the run's summary (a replay) and counts it by outcome (metrics); a live run keeps only the latest <see cref="MaxKeptDecisions"/>.</summary>
    public void RecordDecision(DecisionSummary decision)
    {
        _verdicts.AddOrUpdate(decision.Outcome, 1, static (_, n) => n + 1);
        _decisions.Enqueue(decision);
        while (_decisions.Count > MaxKeptDecisions)
            _decisions.TryDequeue(out _);
    }

    /// <summary>Decisions kept for <see cref="Decisions"/>: all of a replay's in practice, a bounded window of a live run's.</summary>
    public const int MaxKeptDecisions = 100_000;

    /// <summary>Decisions by outcome (<c>blocked</c>, <c>allow</c>, <c>refused-allowlisted</c>, …) since start.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> VerdictsByOutcome() => [.. _verdicts.OrderBy(v => v.Key, StringComparer.Ordinal)];

    public IReadOnlyList<SidCount> AlertsBySid() => [.. _alertsBySid.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Sid)];

    public IReadOnlyList<DecisionSummary> Decisions() => [.. _decisions];

    private long Sum(Func<DecodeCounters, long> value)
    {
        lock (_workers)
        {
            long total = 0;
            foreach (var worker in _workers)
                total += value(worker.Decode);
            return total;
        }
    }
}
