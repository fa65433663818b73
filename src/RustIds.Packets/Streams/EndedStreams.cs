using static RustIds.Packets.Streams.SequenceNumber;

namespace RustIds.Packets.Streams;

/// <summary>
/// All a <see cref="TcpReassembler"/> still knows once both directions ended: whether each started and its next
/// sequence number. A flow keeps this (12 bytes) after its reassembler went back to the pool, so segments that
/// arrive after the close (a retransmitted last segment, data past the FIN, a late RST) are counted exactly as the
/// reassembler counts them, while closed connections lingering for their timeout hold no reassembler.
/// </summary>
internal struct EndedStreams
{
    private uint _toServerNext;
    private uint _toClientNext;
    private bool _toServerStarted;
    private bool _toClientStarted;

    public EndedStreams(bool toServerStarted, uint toServerNext, bool toClientStarted, uint toClientNext)
    {
        _toServerStarted = toServerStarted;
        _toServerNext = toServerNext;
        _toClientStarted = toClientStarted;
        _toClientNext = toClientNext;
    }

    /// <summary>Counts one segment the way <see cref="TcpReassembler.Process"/> does when both directions have ended.</summary>
    public void Count(FlowDirection direction, uint sequence, uint acknowledgement, TcpFlags flags, int payloadLength,
        ReassemblyOptions options, ReassemblyCounters counters)
    {
        if (direction == FlowDirection.Unknown)
        {
            counters.Add(ReassemblyCounter.UnknownDirection);
            return;
        }
        if (payloadLength > ReassemblyOptions.MaxWindowBytes)
        {
            counters.Add(ReassemblyCounter.OutOfWindowSegments);
            return;
        }
        var toServer = direction == FlowDirection.ToServer;
        ref var started = ref toServer ? ref _toServerStarted : ref _toClientStarted;
        ref var next = ref toServer ? ref _toServerNext : ref _toClientNext;
        if ((flags & TcpFlags.Rst) != 0)
        {
            if (started && sequence - next > StreamHalf.RstWindow(options))
                counters.Add(ReassemblyCounter.RstIgnored);
            return;
        }
        var dataSeq = sequence;
        if ((flags & TcpFlags.Syn) != 0)
        {
            // An ended direction that never started may still start (StreamHalf.CanRestart); one that did may not.
            dataSeq = sequence + 1;
            if (!started)
                (started, next) = (true, dataSeq);
            ref var otherStarted = ref toServer ? ref _toClientStarted : ref _toServerStarted;
            if ((flags & TcpFlags.Ack) != 0 && !otherStarted)
            {
                otherStarted = true;
                (toServer ? ref _toClientNext : ref _toServerNext) = acknowledgement;
            }
        }
        if (payloadLength == 0)
            return;
        if (!started)
        {
            if (!options.AllowMidstream)
            {
                counters.Add(ReassemblyCounter.NoHandshakeSegments);
                return;
            }
            counters.Add(ReassemblyCounter.MidstreamPickups);
            (started, next) = (true, dataSeq);
        }
        counters.Add(Leq(dataSeq + (uint)payloadLength, next) ? ReassemblyCounter.SegmentsRetransmitted : ReassemblyCounter.DataAfterEnd);
    }
}
