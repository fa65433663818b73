namespace RustIds.Packets.Streams;

/// <summary>Turns both directions of one TCP connection into in-order bytes for app-layer parsers and stream matching.</summary>
/// <remarks>
/// <para>
/// One instance per flow-table slot, reused across flows with <see cref="Reset"/>. The initial sequence numbers
/// come from the SYN and SYN-ACK (RFC 9293 §3.4); a direction whose handshake was missed starts at its first data
/// segment when <see cref="ReassemblyOptions.AllowMidstream"/> is set. All sequence arithmetic is serial
/// (RFC 1982), so streams crossing 2^32 work.
/// </para>
/// <para>
/// In-order bytes go to the sink straight from the packet span; out-of-order bytes are copied into pooled
/// storage charged to <see cref="ReassemblyMemory"/> and delivered as soon as the hole before them is filled.
/// Overlaps with buffered bytes follow <see cref="ReassemblyOptions.OverlapPolicy"/>; already delivered bytes
/// never change (retransmissions are compared with a short history and dropped). A hole becomes a gap when the
/// receiver acknowledges bytes beyond it (trusted only up to what the sender was seen sending), when the
/// out-of-order buffer overflows, or when the flow finishes. RST data is not stream data (RFC 1122 §4.2.2.12);
/// a RST far outside the window is ignored (RFC 5961 §3), a valid one ends both directions.
/// </para>
/// <para>Never throws on packet values; zero allocations per call once the pool is warm. Not thread-safe by
/// design: owned by one capture worker thread, like its <see cref="ReassemblyMemory"/> and
/// <see cref="ReassemblyCounters"/>.</para>
/// </remarks>
public sealed class TcpReassembler
{
    private readonly ReassemblyCounters _counters;
    private readonly StreamHalf _toServer;
    private readonly StreamHalf _toClient;
    private readonly bool _allowMidstream;

    /// <summary>Creates a reassembler that buffers in <paramref name="memory"/> and counts into <paramref name="counters"/>.</summary>
    /// <param name="options">Limits and policies; must pass <see cref="ReassemblyOptions.Validate"/>.</param>
    /// <param name="memory">The worker's shared memcap and pool.</param>
    /// <param name="counters">The worker's shared counters.</param>
    public TcpReassembler(ReassemblyOptions options, ReassemblyMemory memory, ReassemblyCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(counters);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid reassembly options: " + string.Join(" ", problems), nameof(options));
        _counters = counters;
        _allowMidstream = options.AllowMidstream;
        _toServer = new StreamHalf(FlowDirection.ToServer, options, memory, counters);
        _toClient = new StreamHalf(FlowDirection.ToClient, options, memory, counters);
    }

    /// <summary>True once both directions ended (FIN, RST or <see cref="Finish"/>): nothing more will be delivered.</summary>
    public bool BothEnded => _toServer.Ended && _toClient.Ended;

    /// <summary>What is left to know once <see cref="BothEnded"/>, for counting late segments without this instance.</summary>
    internal EndedStreams Remains() => new(_toServer.Started, _toServer.Next, _toClient.Started, _toClient.Next);

    /// <summary>Returns every buffer to the pool and forgets the flow, ready for a new one.</summary>
    public void Reset()
    {
        _toServer.Reset();
        _toClient.Reset();
    }

    /// <summary>Feeds one TCP segment of the flow; calls <paramref name="sink"/> for every byte, gap and end it completes.</summary>
    /// <typeparam name="TSink">The app-layer dispatch, ideally a struct or ref struct.</typeparam>
    /// <param name="direction">Which side sent the segment; <see cref="FlowDirection.Unknown"/> is counted and ignored.</param>
    /// <param name="sequence">The segment's sequence number.</param>
    /// <param name="acknowledgement">The segment's acknowledgement number; used only when <paramref name="flags"/> has ACK.</param>
    /// <param name="flags">The segment's TCP flags.</param>
    /// <param name="payload">The segment's payload; only read during the call.</param>
    /// <param name="sink">Receives data, gaps and ends, possibly of both directions.</param>
    public void Process<TSink>(FlowDirection direction, uint sequence, uint acknowledgement, TcpFlags flags,
        ReadOnlySpan<byte> payload, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        StreamHalf half, other;
        if (direction == FlowDirection.ToServer)
            (half, other) = (_toServer, _toClient);
        else if (direction == FlowDirection.ToClient)
            (half, other) = (_toClient, _toServer);
        else
        {
            _counters.Add(ReassemblyCounter.UnknownDirection);
            return;
        }

        if (payload.Length > ReassemblyOptions.MaxWindowBytes)
        {
            // Larger than any TCP segment, even with GRO; serial arithmetic would be ambiguous.
            _counters.Add(ReassemblyCounter.OutOfWindowSegments);
            return;
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            if (!half.AcceptsRst(sequence))
            {
                _counters.Add(ReassemblyCounter.RstIgnored);
                return;
            }
            half.End(half.Next, ref sink);
            other.End(other.Next, ref sink);
            return;
        }

        var dataSeq = sequence;
        var ack = (flags & TcpFlags.Ack) != 0;
        if ((flags & TcpFlags.Syn) != 0)
        {
            // The SYN occupies one sequence number; data on a SYN (TCP Fast Open, RFC 7413) follows it.
            dataSeq = sequence + 1;
            if (half.CanRestart && (!half.Started || half.Next != dataSeq))
                half.Start(dataSeq);
            // The SYN-ACK's acknowledgement is the client's ISN + 1: it starts a client whose SYN was missed.
            // It never moves a start learnt from a SYN, so a spoofed SYN-ACK cannot desynchronise the client.
            if (ack && !other.Started)
                other.Start(acknowledgement);
        }
        if (ack)
            other.OnAck(acknowledgement, ref sink);

        if (!half.Started && !payload.IsEmpty)
        {
            if (!_allowMidstream)
            {
                _counters.Add(ReassemblyCounter.NoHandshakeSegments);
                return;
            }
            _counters.Add(ReassemblyCounter.MidstreamPickups);
            half.Start(dataSeq);
        }
        half.OnSegment(dataSeq, payload, ref sink);
        if ((flags & TcpFlags.Fin) != 0)
            half.OnFin(dataSeq + (uint)payload.Length, ref sink);
    }

    /// <summary>Ends the flow: delivers what is buffered (holes become gaps) and ends each direction not yet ended.</summary>
    /// <remarks>Call when the flow times out or is evicted, before <see cref="Reset"/>.</remarks>
    /// <typeparam name="TSink">The app-layer dispatch.</typeparam>
    /// <param name="sink">Receives the remaining data, gaps and ends.</param>
    public void Finish<TSink>(ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        _toServer.Finish(ref sink);
        _toClient.Finish(ref sink);
    }
}
