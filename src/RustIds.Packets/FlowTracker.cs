using System.Net.Sockets;

namespace RustIds.Packets;

/// <summary>One worker's flow table: finds each packet's flow, runs the TCP state machine, and sets the packet's direction, establishment, flow id and slot.</summary>
/// <remarks>
/// Not thread-safe: one per capture worker (workers shard traffic by the symmetric <see cref="FlowKey"/>).
/// Storage is preallocated (<see cref="FlowTable"/>), so tracking allocates nothing. Idle flows expire by
/// packet time with a timeout per <see cref="FlowState"/>; when the table is full the least recently seen
/// flow is evicted. An <see cref="IFlowObserver"/> hears every start and end, to keep per-flow state by slot.
/// </remarks>
public sealed class FlowTracker
{
    private readonly FlowTable _table;
    private readonly IFlowObserver? _observer;
    private readonly bool _allowMidstream;
    // Idle timeout of each recency list (TimeoutList): new, established, closing, closed.
    private readonly long[] _listTimeoutTicks;
    private readonly long _sweepIntervalTicks;
    private readonly ulong _flowIdBase;
    private long _nextSweepTicks = long.MinValue;
    private ulong _flowSequence;

    public FlowTracker(FlowTrackerOptions? options = null, IFlowObserver? observer = null)
    {
        options ??= new FlowTrackerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFlows, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNotEqual(options.WorkerIndex & ~0xFF, 0, nameof(options));
        _table = new FlowTable(options.MaxFlows);
        _observer = observer;
        _allowMidstream = options.AllowMidstream;
        _listTimeoutTicks = [options.NewTimeout.Ticks, options.EstablishedTimeout.Ticks, options.ClosingTimeout.Ticks, options.ClosedTimeout.Ticks];
        _sweepIntervalTicks = Math.Max(1, options.SweepInterval.Ticks);
        // 8 bits of worker, 45 of sequence: unique across workers and below 2^53, so JSON readers keep it exact.
        _flowIdBase = (ulong)options.WorkerIndex << 45;
    }

    /// <summary>Approximate memory one flow slot costs, for the memcap arithmetic in the docs and stats.</summary>
    public static int BytesPerFlow => FlowTable.BytesPerSlot;

    /// <summary>Slots in the table (<see cref="FlowTrackerOptions.MaxFlows"/>).</summary>
    public int Capacity => _table.Capacity;

    /// <summary>Flows currently in the table.</summary>
    public int Count => _table.Count;

    /// <summary>Flows started since the tracker was created.</summary>
    public long FlowsCreated { get; private set; }

    /// <summary>Flows removed because they were idle past their timeout.</summary>
    public long FlowsExpired { get; private set; }

    /// <summary>Flows evicted, least recently seen first, to make room while the table was full.</summary>
    public long FlowsEvicted { get; private set; }

    /// <summary>TCP flows picked up without their SYN.</summary>
    public long FlowsMidstream { get; private set; }

    /// <summary>Finds or starts the flow of a decoded packet and sets <see cref="Packet.Direction"/>, <see cref="Packet.FlowEstablished"/>, <see cref="Packet.FlowId"/> and <see cref="Packet.FlowSlot"/>.</summary>
    /// <remarks>Packets without an IP layer get direction Unknown, flow id 0 and slot -1.</remarks>
    public void Track(ref Packet packet)
    {
        packet.Direction = FlowDirection.Unknown;
        packet.FlowEstablished = false;
        packet.FlowId = 0;
        packet.FlowSlot = -1;
        packet.ClientStreamSize = packet.ServerStreamSize = 0;
        if (packet.Source.Family == AddressFamily.Unspecified)
            return;
        var now = packet.TimestampTicks;
        if (now >= _nextSweepTicks)
            Sweep(now);

        var key = FlowKey.From(in packet);
        var hash = key.GetHashCode();
        var slot = _table.Find(in key, hash);
        if (slot < 0)
        {
            if (_table.Count == _table.Capacity)
            {
                FlowsEvicted++;
                End(LeastRecent(), FlowEndReason.Evicted);
            }
            slot = _table.Add(in key, hash);
            Start(slot, ref packet);
        }
        else
        {
            ref var existing = ref _table[slot];
            var expired = IsExpired(in existing, now);
            if (expired || IsTcpPortReuse(in existing, in packet))
            {
                FlowsExpired += expired ? 1 : 0;
                _observer?.OnFlowEnded(slot, in existing, expired ? FlowEndReason.Timeout : FlowEndReason.Reused);
                Start(slot, ref packet);
            }
        }
        ref var entry = ref _table[slot];
        Update(slot, ref entry, ref packet);
        _table.Touch(slot, TimeoutList(entry.State));
    }

    /// <summary>A copy of the flow's entry, for inspection (tests, flow logs).</summary>
    public bool TryGetFlow(FlowKey key, out FlowEntry entry)
    {
        var slot = _table.Find(in key, key.GetHashCode());
        entry = slot < 0 ? default : _table[slot];
        return slot >= 0;
    }

    /// <summary>The first slot of a walk over every flow without allocation (with <see cref="NewerSlot"/>), or -1 when the table is empty.</summary>
    /// <remarks>The walk goes through each timeout class's flows from the least recently seen, one class after another.</remarks>
    public int OldestSlot => _table.First();

    /// <summary>The slot after <paramref name="slot"/> in that walk, or -1 after the last.</summary>
    public int NewerSlot(int slot) => _table.Next(slot);

    /// <summary>The entry in <paramref name="slot"/> (from <see cref="Packet.FlowSlot"/> or an observer call), read in place.</summary>
    public ref readonly FlowEntry EntryAt(int slot) => ref _table[slot];

    /// <summary>Whether <paramref name="slot"/> (0 to <see cref="SlotsEverUsed"/> − 1) holds a flow now.</summary>
    /// <remarks>
    /// For a walk over every flow in slot order, which reads the entries as one stream where the walk in recency order
    /// (<see cref="OldestSlot"/>) jumps around the table: a free slot's entry is zeroed, and no flow has id 0.
    /// </remarks>
    public bool HoldsFlow(int slot) => (uint)slot < (uint)_table.Capacity && _table[slot].FlowId != 0;

    /// <summary>The slots a walk in slot order visits: those above have never held a flow, and reading them would fault their pages in.</summary>
    public int SlotsEverUsed => _table.SlotsEverUsed;

    /// <summary>Removes every flow idle past its timeout at packet time <paramref name="nowTicks"/>; returns how many.</summary>
    public int Sweep(long nowTicks)
    {
        var removed = 0;
        for (var list = 0; list < FlowTable.ListCount; list++)
        {
            var ahead = PrefetchFirst(_table.LeastRecentIn(list));
            // One timeout per list, oldest first: the walk ends at the first flow that has not expired.
            for (var slot = _table.LeastRecentIn(list); slot >= 0 && nowTicks - _table[slot].LastTicks > _listTimeoutTicks[list]; slot = _table.LeastRecentIn(list))
            {
                End(slot, FlowEndReason.Timeout);
                ahead = PrefetchNext(ahead);
                removed++;
            }
        }
        FlowsExpired += removed;
        _nextSweepTicks = nowTicks + _sweepIntervalTicks;
        return removed;
    }

    /// <summary>Ends every flow (end of a capture), so observers can flush what they hold.</summary>
    public void Flush()
    {
        Span<int> ahead = stackalloc int[FlowTable.ListCount];
        for (var list = 0; list < FlowTable.ListCount; list++)
            ahead[list] = PrefetchFirst(_table.LeastRecentIn(list));
        for (var slot = LeastRecent(); slot >= 0; slot = LeastRecent())
        {
            var list = _table.ListOf(slot);
            End(slot, FlowEndReason.Shutdown);
            ahead[list] = PrefetchNext(ahead[list]);
        }
        _observer?.OnFlushed();
    }

    /// <summary>
    /// Flows a run of ends (an expiry sweep, the flush) prefetches ahead of the one it ends. Such a run goes down a recency
    /// list, so the next entries are known; each end reads its entry (expiry time, observers) and clears it, and
    /// without this every entry was a miss waited out in turn.
    /// </summary>
    private const int EndLookahead = 4;

    /// <summary>Prefetches the first <see cref="EndLookahead"/> entries of a list from <paramref name="slot"/>; returns the next slot to prefetch.</summary>
    private int PrefetchFirst(int slot)
    {
        for (var i = 0; i < EndLookahead && slot >= 0; i++)
            slot = PrefetchNext(slot);
        return slot;
    }

    /// <summary>Prefetches the entry in <paramref name="slot"/> (nothing for -1); returns the slot after it in its list.</summary>
    private int PrefetchNext(int slot)
    {
        if (slot < 0)
            return slot;
        _table.Prefetch(slot);
        return _table.NewerInList(slot);
    }

    /// <summary>The flow seen least recently of all (the oldest of the lists' oldest), or -1 when the table is empty.</summary>
    private int LeastRecent()
    {
        var oldest = -1;
        for (var list = 0; list < FlowTable.ListCount; list++)
        {
            var slot = _table.LeastRecentIn(list);
            if (slot >= 0 && (oldest < 0 || _table[slot].LastTicks < _table[oldest].LastTicks))
                oldest = slot;
        }
        return oldest;
    }

    /// <summary>The recency list of flows in <paramref name="state"/>: one per idle timeout.</summary>
    private static int TimeoutList(FlowState state) => state switch
    {
        FlowState.Established => 1,
        FlowState.Closing => 2,
        FlowState.Closed or FlowState.Reset => 3,
        _ => 0,
    };

    private void End(int slot, FlowEndReason reason)
    {
        _observer?.OnFlowEnded(slot, in _table[slot], reason);
        _table.Remove(slot);
    }

    private static bool IsTcpPortReuse(in FlowEntry entry, in Packet packet) =>
        packet.Protocol == IpProtocol.Tcp
        && entry.State is FlowState.Closed or FlowState.Reset
        && (packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

    private bool IsExpired(in FlowEntry entry, long nowTicks) => nowTicks - entry.LastTicks > _listTimeoutTicks[TimeoutList(entry.State)];

    /// <summary>The worker's index in the top bits, a sequence below; never 0, which means "no flow" (<see cref="Packet.FlowId"/>, <see cref="HoldsFlow"/>).</summary>
    private ulong NextFlowId()
    {
        const ulong sequenceMask = (1UL << 45) - 1;
        var sequence = ++_flowSequence & sequenceMask;
        if (sequence == 0)
            sequence = ++_flowSequence & sequenceMask;
        return _flowIdBase | sequence;
    }

    private void Start(int slot, ref Packet packet)
    {
        FlowsCreated++;
        ref var entry = ref _table[slot];
        var key = entry.Key;
        entry = default;
        entry.Key = key;
        entry.FlowId = NextFlowId();
        entry.FirstTicks = packet.TimestampTicks;
        entry.LastTicks = packet.TimestampTicks;
        entry.State = FlowState.New;
        var synAck = packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack);
        if (packet.Protocol == IpProtocol.Tcp && synAck == (TcpFlags.Syn | TcpFlags.Ack))
        {
            // A SYN-ACK first (its SYN was missed or sharded elsewhere): the sender is the server.
            entry.InitiatorAddress = packet.Destination;
            entry.InitiatorPort = packet.DestinationPort;
        }
        else
        {
            entry.InitiatorAddress = packet.Source;
            entry.InitiatorPort = packet.SourcePort;
            // Midstream pick-up: the sender of the first non-SYN is taken as the client.
            entry.OpenedBySyn = packet.Protocol == IpProtocol.Tcp && synAck == TcpFlags.Syn;
            if (packet.Protocol == IpProtocol.Tcp && synAck != TcpFlags.Syn)
            {
                entry.Midstream = true;
                FlowsMidstream++;
            }
        }
        _observer?.OnFlowStarted(slot, in entry);
    }

    private void Update(int slot, ref FlowEntry entry, ref Packet packet)
    {
        var toServer = packet.Source == entry.InitiatorAddress && packet.SourcePort == entry.InitiatorPort;
        var now = packet.TimestampTicks;
        if (toServer)
        {
            entry.PacketsToServer++;
            entry.BytesToServer += packet.WireLength;
            entry.LastToServerTicks = now;
        }
        else
        {
            entry.PacketsToClient++;
            entry.BytesToClient += packet.WireLength;
            entry.LastToClientTicks = now;
        }
        if (now > entry.LastTicks)
            entry.LastTicks = now;
        if (packet.Protocol == IpProtocol.Tcp)
        {
            var used = (uint)packet.Payload.Length + ((packet.TcpFlags & TcpFlags.Syn) != 0 ? 1u : 0u) + ((packet.TcpFlags & TcpFlags.Fin) != 0 ? 1u : 0u);
            if (toServer)
                entry.ClientSequence.Add(packet.TcpSequence, used);
            else
                entry.ServerSequence.Add(packet.TcpSequence, used);
            packet.ClientStreamSize = entry.ClientStreamSize;
            packet.ServerStreamSize = entry.ServerStreamSize;
        }

        var bothWays = entry.PacketsToServer > 0 && entry.PacketsToClient > 0;
        entry.State = packet.Protocol == IpProtocol.Tcp
            ? TcpStateMachine.Next(ref entry, packet.TcpFlags, toServer, bothWays, _allowMidstream)
            : bothWays ? FlowState.Established : entry.State;
        if (entry.State == FlowState.Established)
            entry.IsEstablished = true;

        packet.Direction = toServer ? FlowDirection.ToServer : FlowDirection.ToClient;
        packet.FlowEstablished = entry.IsEstablished;
        packet.FlowId = entry.FlowId;
        packet.FlowSlot = slot;
    }
}
