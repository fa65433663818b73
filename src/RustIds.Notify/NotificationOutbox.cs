using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Notify;

/// <summary>
/// The durable queue between the response stage and the notification channels: every notice is written to
/// SQLite, one row per channel, before <see cref="Enqueue"/> returns, with that channel's
/// <see cref="DeliveryPolicy"/> applied (immediate, digest, repeat, held back by the cap).
/// <see cref="OutboxDelivery"/> sends the rows; <see cref="BuildDueDigests"/> turns waiting rows into digests.
/// </summary>
/// <remarks>
/// <see cref="Enqueue"/> costs one small SQLite transaction (WAL, synchronous=NORMAL: no fsync per commit) and
/// never waits for a server. If the write itself fails (disk full, database locked past the busy timeout),
/// the notice is kept in memory and written by the next successful call, so a notifier or disk hiccup
/// neither stalls detection nor drops a notice while the process lives. Thread-safe.
/// </remarks>
public sealed partial class NotificationOutbox : INoticeSink, IDisposable
{
    private readonly OutboxStore _store;
    private readonly FrozenDictionary<string, DeliveryPolicy> _policies;
    private readonly FrozenDictionary<string, AsyncSignal> _signals;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _hostname;
    private readonly ConcurrentQueue<BlockNotice> _unsaved = new();
    private readonly Lock _flushLock = new();
    private long _enqueued;

    /// <summary>Opens (creating the tables if needed) the outbox in the SQLite file at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The shared database (<c>Storage:DatabasePath</c>).</param>
    /// <param name="channels">Channel names with their policies; rows are kept per name.</param>
    /// <param name="hostname">This gateway's name, for digests.</param>
    /// <param name="timeProvider">Clock for policy windows, digests and retry times; the system clock by default.</param>
    /// <param name="logger">Optional logger.</param>
    public NotificationOutbox(string databasePath, IReadOnlyDictionary<string, DeliveryPolicy> channels, string hostname,
        TimeProvider? timeProvider = null, ILogger<NotificationOutbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(hostname);
        _store = new OutboxStore(databasePath);
        _policies = channels.ToFrozenDictionary(StringComparer.Ordinal);
        _signals = channels.Keys.ToFrozenDictionary(name => name, _ => new AsyncSignal(), StringComparer.Ordinal);
        _hostname = hostname;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<NotificationOutbox>.Instance;
        try
        {
            var now = _time.GetUtcNow();
            foreach (var channel in _policies.Keys)
            {
                // A new channel's first digest is at the first boundary after it was configured.
                if (_store.LastDigestAt(channel) is null)
                    _store.SetLastDigestAt(channel, now);
            }
            foreach (var (channel, count) in _store.QueuedByChannel())
            {
                if (!_policies.ContainsKey(channel))
                    LogOrphans(_logger, count, channel);
            }
        }
        catch
        {
            _store.Dispose();
            throw;
        }
    }

    /// <summary>The channels this outbox queues for.</summary>
    public IReadOnlyCollection<string> Channels => _policies.Keys;

    /// <summary>The clock the outbox and its workers read.</summary>
    public TimeProvider Time => _time;

    /// <summary>Notices accepted since start (each counted once, however many channels).</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Notices accepted but not yet written because the database refused them (retried on the next call).</summary>
    public int Unsaved => _unsaved.Count;

    /// <summary>Queues <paramref name="notice"/> for every channel, applying each channel's policy. Never throws for a database failure.</summary>
    /// <returns>What happened per channel.</returns>
    public IReadOnlyList<(string Channel, OutboxState State)> Enqueue(BlockNotice notice) => Queue(notice);

    void INoticeSink.Enqueue(BlockNotice notice) => Queue(notice);

    private IReadOnlyList<(string Channel, OutboxState State)> Queue(BlockNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Interlocked.Increment(ref _enqueued);
        if (_policies.Count == 0)
            return [];
        _unsaved.Enqueue(notice);
        return FlushUnsaved() ?? [];
    }

    /// <summary>
    /// For every channel whose digest time has come (top of the hour, or the daily time, after its last digest),
    /// collects the notices waiting for it and the counted repeats into one digest row for its worker.
    /// Also deletes delivered rows older than <paramref name="keepDelivered"/>. Called every minute by the digest job.
    /// </summary>
    /// <returns>The number of digests built.</returns>
    public int BuildDueDigests(TimeSpan? keepDelivered = null)
    {
        FlushUnsaved();
        var now = _time.GetUtcNow();
        var built = 0;
        foreach (var (channel, policy) in _policies)
        {
            var last = _store.LastDigestAt(channel) ?? now;
            if (now < policy.NextDigestAfter(last))
                continue;
            if (BuildDigest(channel, policy, last, now))
            {
                built++;
                _signals[channel].Set();
            }
        }
        if (keepDelivered is { } keep)
            _store.PurgeDelivered(now - keep);
        return built;
    }

    /// <summary>How many rows are in each state.</summary>
    public OutboxCounts Counts() => _store.Counts();

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();

    internal OutboxStore Store => _store;

    internal AsyncSignal SignalFor(string channel) => _signals[channel];

    /// <summary>Reads a digest row back into a <see cref="NoticeDigest"/> with its notices.</summary>
    internal NoticeDigest LoadDigest(OutboxItem item)
    {
        using var header = JsonDocument.Parse(item.Payload);
        var root = header.RootElement;
        var repeats = new List<DigestRepeat>();
        foreach (var repeat in root.GetProperty("repeats").EnumerateArray())
            repeats.Add(new DigestRepeat(repeat.GetProperty("event").GetString()!, repeat.GetProperty("target").GetString()!, repeat.GetProperty("count").GetInt32()));
        return new NoticeDigest
        {
            Hostname = root.GetProperty("hostname").GetString()!,
            PeriodStart = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("period_start_ms").GetInt64()),
            PeriodEnd = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("period_end_ms").GetInt64()),
            HeldBack = root.GetProperty("held_back").GetInt32(),
            MaxPerHour = root.GetProperty("max_per_hour").GetInt32(),
            Repeats = repeats,
            Notices = _store.DigestPayloads(item.Id).Select(NoticeJsonReader.Read).ToArray(),
        };
    }

    /// <summary>Writes what waits in memory, oldest first; null when the database still refuses.</summary>
    private List<(string Channel, OutboxState State)>? FlushUnsaved()
    {
        List<(string, OutboxState)>? results = null;
        lock (_flushLock)
        {
            while (_unsaved.TryPeek(out var notice))
            {
                try
                {
                    var now = _time.GetUtcNow();
                    var payload = Encoding.UTF8.GetString(NoticeFormatter.ToJson(notice));
                    results = _store.InTransaction(() =>
                    {
                        var states = new List<(string, OutboxState)>(_policies.Count);
                        foreach (var (channel, policy) in _policies)
                            states.Add((channel, Place(channel, policy, notice, payload, now)));
                        return states;
                    });
                    _unsaved.TryDequeue(out _);
                }
                catch (SqliteException ex)
                {
                    LogUnsaved(_logger, ex, notice.Target, _unsaved.Count);
                    return null;
                }
                foreach (var (channel, state) in results)
                {
                    if (state == OutboxState.Pending)
                        _signals[channel].Set();
                }
            }
        }
        return results;
    }

    private OutboxState Place(string channel, DeliveryPolicy policy, BlockNotice notice, string payload, DateTimeOffset now)
    {
        var target = notice.Target;
        if (policy.DedupWindow > TimeSpan.Zero && _store.SeenSince(channel, notice.Event, target, now - policy.DedupWindow))
        {
            _store.Insert(channel, isDigest: false, notice.Event, target, payload, OutboxState.Duplicate, immediate: false, heldBack: false, now);
            return OutboxState.Duplicate;
        }
        if (notice.Severity < policy.ImmediateSeverity)
        {
            _store.Insert(channel, isDigest: false, notice.Event, target, payload, OutboxState.AwaitingDigest, immediate: false, heldBack: false, now);
            return OutboxState.AwaitingDigest;
        }
        if (policy.MaxPerHour > 0 && _store.ImmediateSince(channel, now - TimeSpan.FromHours(1)) >= policy.MaxPerHour)
        {
            _store.Insert(channel, isDigest: false, notice.Event, target, payload, OutboxState.AwaitingDigest, immediate: false, heldBack: true, now);
            return OutboxState.AwaitingDigest;
        }
        _store.Insert(channel, isDigest: false, notice.Event, target, payload, OutboxState.Pending, immediate: true, heldBack: false, now);
        return OutboxState.Pending;
    }

    private bool BuildDigest(string channel, DeliveryPolicy policy, DateTimeOffset last, DateTimeOffset now) => _store.InTransaction(() =>
    {
        _store.SetLastDigestAt(channel, now);
        var waiting = _store.Undigested(channel, OutboxState.AwaitingDigest);
        var repeats = _store.Undigested(channel, OutboxState.Duplicate);
        if (waiting.Count == 0 && repeats.Count == 0)
            return false;
        var header = DigestHeader(last, now, waiting.Count(w => w.HeldBack), policy.MaxPerHour,
            repeats.GroupBy(r => (r.Event, r.Target)).Select(g => new DigestRepeat(g.Key.Event, g.Key.Target, g.Count())));
        var id = _store.Insert(channel, isDigest: true, "digest", "", header, OutboxState.Pending, immediate: false, heldBack: false, now);
        var maxId = Math.Max(waiting.Count == 0 ? 0 : waiting[^1].Id, repeats.Count == 0 ? 0 : repeats[^1].Id);
        _store.AttachToDigest(channel, id, maxId);
        LogDigestBuilt(_logger, channel, waiting.Count, repeats.Count);
        return true;
    });

    /// <summary>The digest row's payload: period, counts and repeats; its notices are the rows that point at it.</summary>
    private string DigestHeader(DateTimeOffset start, DateTimeOffset end, int heldBack, int maxPerHour, IEnumerable<DigestRepeat> repeats)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("hostname"u8, _hostname);
            json.WriteNumber("period_start_ms"u8, start.ToUnixTimeMilliseconds());
            json.WriteNumber("period_end_ms"u8, end.ToUnixTimeMilliseconds());
            json.WriteNumber("held_back"u8, heldBack);
            json.WriteNumber("max_per_hour"u8, maxPerHour);
            json.WriteStartArray("repeats"u8);
            foreach (var repeat in repeats)
            {
                json.WriteStartObject();
                json.WriteString("event"u8, repeat.Event);
                json.WriteString("target"u8, repeat.Target);
                json.WriteNumber("count"u8, repeat.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notice for {Target} could not be written to the outbox; kept in memory ({Unsaved} waiting) and retried with the next one")]
    private static partial void LogUnsaved(ILogger logger, Exception exception, string target, int unsaved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} notices are queued for channel {Channel}, which is no longer configured; they stay in the outbox")]
    private static partial void LogOrphans(ILogger logger, long count, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Channel}: {Notices} notices, {Repeats} repeats")]
    private static partial void LogDigestBuilt(ILogger logger, string channel, int notices, int repeats);
}
