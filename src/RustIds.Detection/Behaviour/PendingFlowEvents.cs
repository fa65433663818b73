using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Flow events the detectors were told of and have not handled yet: a short first-in, first-out queue, so the table
/// lines an event needs can be prefetched when it joins and are in the cache when it is handled.
/// </summary>
/// <remarks>
/// Each detector table is far larger than the caches a packet stream leaves it, so every lookup was a miss waited out
/// in turn (a flow's end: its host's set, its credit record; its start: two filter counters). Queued, the misses of
/// a burst (an expiry sweep ends hundreds of flows at once, the interval walk thousands) overlap, and a lone event's
/// misses overlap the next packet's processing. Events keep their order, so handling them late changes nothing but
/// when: <see cref="DetectorSet"/> handles a packet's events by the end of the next one, and sooner before anything
/// else reads the tables they update.
/// </remarks>
internal sealed class PendingFlowEvents
{
    /// <summary>Events held at most: enough for a run of ends to overlap its misses, few enough that its prefetches do not stall.</summary>
    /// <remarks>
    /// A queue of 32 kept 60 to 90 prefetches in flight through a sweep's run of ends, beside the sweep's own: more than
    /// the core tracks, so the prefetch instructions themselves waited. Whole replays of the bench capture, alternated 31
    /// rounds, twice: 8 events cost the detectors +9.0 and +9.2 %, 16 +9.8 %, 4 +9.9 %, 32 +11.9 and +11.2 %.
    /// </remarks>
    public const int Capacity = 8;

    private readonly PendingFlowEvent[] _items = new PendingFlowEvent[Capacity];
    private int _oldest;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>A copy of <paramref name="flow"/> at the back of the queue, its other fields cleared; the queue must not be full.</summary>
    public ref PendingFlowEvent Add(FlowEventKind kind, int slot, in FlowEntry flow)
    {
        ref var item = ref _items[(_oldest + Count) & (Capacity - 1)];
        Count++;
        item.Kind = kind;
        item.Slot = slot;
        item.Flow = flow;
        item.CreditTicks = 0;
        item.SourceHash = item.ServiceHash = 0;
        item.Credited = item.FailedAttempt = item.LoginSession = false;
        return ref item;
    }

    /// <summary>The event at the front of the queue; the queue must not be empty.</summary>
    public ref PendingFlowEvent Oldest => ref _items[_oldest];

    public void RemoveOldest()
    {
        _oldest = (_oldest + 1) & (Capacity - 1);
        Count--;
    }
}
