using System.Collections.Concurrent;
using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// What the pipeline did, for the replay summary and (later) metrics. Packet counters are written by
/// the one capture thread only; alert and decision counters by the response stage.
/// </summary>
public sealed class PipelineCounters
{
    private readonly DecodeCounters _decode = new();
    private long _alertsDropped;
    private long _alertsHandled;
    private long _lastPacketTicks;
    private readonly ConcurrentDictionary<(int Gid, long Sid), SidCount> _alertsBySid = new();
    private readonly ConcurrentQueue<DecisionSummary> _decisions = new();

    public long Packets => _decode.Packets;
    public long Bytes => _decode.Bytes;
    public long DecodeErrors => _decode.Truncated + _decode.Malformed;
    public long AlertsDropped => Volatile.Read(ref _alertsDropped);
    public long AlertsHandled => Volatile.Read(ref _alertsHandled);

    /// <summary>Time of the latest packet seen, or null before the first.</summary>
    public DateTimeOffset? LastPacketTime => Volatile.Read(ref _lastPacketTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public long DecodeCount(DecodeStatus status) => _decode.Get(status);

    /// <summary>Counts one frame; called on the capture thread for every packet, allocation-free.</summary>
    public void CountFrame(DecodeStatus status, DecodeLayer layer, int wireLength, long timestampTicks)
    {
        if (timestampTicks > _lastPacketTicks)
            Volatile.Write(ref _lastPacketTicks, timestampTicks);
        _decode.Count(status, layer, wireLength);
    }

    public void CountAlertDropped() => Interlocked.Increment(ref _alertsDropped);

    public void CountAlert(int gid, long sid, string signature)
    {
        Interlocked.Increment(ref _alertsHandled);
        _alertsBySid.AddOrUpdate((gid, sid), _ => new SidCount(gid, sid, signature, 1), (_, c) => c with { Count = c.Count + 1 });
    }

    public void RecordDecision(DecisionSummary decision) => _decisions.Enqueue(decision);

    public IReadOnlyList<SidCount> AlertsBySid() => [.. _alertsBySid.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Sid)];

    public IReadOnlyList<DecisionSummary> Decisions() => [.. _decisions];
}
