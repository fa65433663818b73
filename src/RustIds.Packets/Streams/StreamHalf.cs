using static RustIds.Packets.Streams.SequenceNumber;

namespace RustIds.Packets.Streams;

/// <summary>Reassembly state of one direction of a TCP connection.</summary>
/// <remarks>
/// Tracks the next expected sequence number, delivers in-order bytes straight from the packet, buffers
/// out-of-order bytes in an <see cref="OutOfOrderBuffer"/> and keeps a <see cref="DeliveredHistory"/> to check
/// retransmissions. Every sequence comparison is serial (RFC 1982).
/// </remarks>
internal sealed class StreamHalf
{
    private readonly FlowDirection _direction;
    private readonly ReassemblyCounters _counters;
    private readonly OutOfOrderBuffer _buffer;
    private readonly DeliveredHistory _history;
    private readonly long _depth;
    private readonly uint _maxOutOfOrder;
    private readonly uint _rstWindow;
    private readonly OverlapPolicy _policy;

    private uint _next;
    private uint _start;
    private uint _maxEnd;
    private uint _finSeq;
    private long _delivered;
    private bool _finPending;
    private bool _depthReached;

    public StreamHalf(FlowDirection direction, ReassemblyOptions options, ReassemblyMemory memory, ReassemblyCounters counters)
    {
        _direction = direction;
        _counters = counters;
        _buffer = new OutOfOrderBuffer(memory, options.MaxOutOfOrderSegments);
        _history = new DeliveredHistory(memory, options.RetransmissionCheckBytes);
        _depth = options.DepthBytes;
        _maxOutOfOrder = (uint)options.MaxOutOfOrderBytes;
        _rstWindow = RstWindow(options);
        _policy = options.OverlapPolicy;
    }

    public bool Started { get; private set; }

    /// <summary>How far past the next expected byte a RST is still believed.</summary>
    /// <remarks>RFC 5961 §3.2 accepts a RST anywhere in the receive window; without window tracking the
    /// out-of-order limit (at least one unscaled window) stands in for it.</remarks>
    public static uint RstWindow(ReassemblyOptions options) => Math.Max((uint)options.MaxOutOfOrderBytes, ushort.MaxValue);

    public bool Ended { get; private set; }

    /// <summary>True while nothing has been delivered or buffered, so a new SYN may still move the start.</summary>
    public bool CanRestart => !Started || (!Ended && _next == _start && _buffer.Count == 0 && !_finPending);

    public uint Next => _next;

    public void Reset()
    {
        _buffer.Release();
        _history.Release();
        Started = false;
        Ended = false;
        _finPending = false;
        _depthReached = false;
        _delivered = 0;
        _next = _start = _maxEnd = _finSeq = 0;
    }

    /// <summary>Starts the direction at <paramref name="next"/> (ISN + 1, or a midstream segment's sequence number).</summary>
    public void Start(uint next)
    {
        Started = true;
        _next = _start = _maxEnd = next;
        _history.Restart(next);
    }

    /// <summary>RFC 5961-style check: a RST is believed only near the next expected byte.</summary>
    public bool AcceptsRst(uint seq) => !Started || seq - _next <= _rstWindow;

    /// <summary>Handles the payload of one segment starting at <paramref name="seq"/>.</summary>
    public void OnSegment<TSink>(uint seq, ReadOnlySpan<byte> payload, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (payload.IsEmpty)
            return;
        var end = seq + (uint)payload.Length;
        if (Ended)
        {
            // A retransmission of bytes before the FIN is normal; anything later is data after the end.
            _counters.Add(Started && Leq(end, _next) ? ReassemblyCounter.SegmentsRetransmitted : ReassemblyCounter.DataAfterEnd);
            return;
        }
        if (_finPending && Gt(end, _finSeq))
        {
            // Bytes beyond a FIN are not part of the stream (RFC 9293 §3.10.7.4, eighth step: the FIN bit).
            _counters.Add(ReassemblyCounter.DataAfterEnd);
            if (Geq(seq, _finSeq))
                return;
            payload = payload[..(int)(_finSeq - seq)];
            end = _finSeq;
        }
        NoteSeen(end);
        if (_depthReached)
        {
            SkipPastDepth(seq, end);
            return;
        }
        ProcessData(seq, end, payload, ref sink);
        AfterAdvance(ref sink);
    }

    /// <summary>Handles a FIN whose sequence number is <paramref name="finSeq"/> (after the segment's data).</summary>
    public void OnFin<TSink>(uint finSeq, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (Ended)
            return;
        if (!Started || (!_depthReached && Lt(finSeq, _next)))
        {
            _counters.Add(ReassemblyCounter.FinIgnored);
            return;
        }
        if (_depthReached || finSeq == _next)
        {
            End(finSeq, ref sink);
            return;
        }
        if (_finPending && finSeq == _finSeq)
            return;
        if (_finPending || finSeq - _next > MaxTrackedDistance)
        {
            _counters.Add(ReassemblyCounter.FinIgnored);
            return;
        }
        _finPending = true;
        _finSeq = finSeq;
        NoteSeen(finSeq);
        _buffer.TruncateAt(finSeq);
    }

    /// <summary>Handles an acknowledgement of this direction's bytes, sent by the other side.</summary>
    public void OnAck<TSink>(uint ack, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (!Started || Ended)
            return;
        _history.Acknowledge(ack, _next);
        // Trust the ACK only up to what the sender was seen sending: a receiver that acknowledges bytes
        // never sent must not make the sensor skip data it has not seen yet (evasion by lying ACKs).
        var target = Min(ack, _maxEnd);
        if (_finPending)
            target = Min(target, _finSeq);
        if (_depthReached)
        {
            if (Gt(target, _next))
                _next = target;
            return;
        }
        while (Gt(target, _next) && !Ended && !_depthReached)
        {
            if (_buffer.Count > 0 && Lt(_buffer[0].Seq, target))
                SkipTo(_buffer[0].Seq, ref sink);
            else
                SkipTo(target, ref sink);
            DrainBuffered(ref sink);
            CheckFin(ref sink);
        }
        AfterAdvance(ref sink);
    }

    /// <summary>Delivers what is buffered (holes become gaps) and ends the direction; used when the flow finishes.</summary>
    public void Finish<TSink>(ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (Ended)
            return;
        while (Started && !_depthReached && _buffer.Count > 0)
        {
            SkipTo(_buffer[0].Seq, ref sink);
            DrainBuffered(ref sink);
        }
        if (_finPending && !_depthReached)
            SkipTo(_finSeq, ref sink);
        End(_next, ref sink);
    }

    /// <summary>Reports the end of the direction once and returns its buffers.</summary>
    public void End<TSink>(uint finSeq, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (Ended)
            return;
        Ended = true;
        _finPending = false;
        _next = finSeq + 1;
        _buffer.Release();
        _history.Release();
        sink.OnEnd(_direction);
    }

    private void ProcessData<TSink>(uint seq, uint end, ReadOnlySpan<byte> payload, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        var originalSeq = seq;
        while (true)
        {
            if (Leq(end, _next))
            {
                // Delivered bytes never change, whatever the policy: drop, and flag a disagreement.
                _counters.Add(ReassemblyCounter.SegmentsRetransmitted);
                if (_history.Differs(seq, payload, _next))
                    _counters.Add(ReassemblyCounter.OverlapsDifferentData);
                return;
            }
            if (Lt(seq, _next))
            {
                var old = (int)(_next - seq);
                _counters.Add(ReassemblyCounter.SegmentsRetransmitted);
                if (_history.Differs(seq, payload[..old], _next))
                    _counters.Add(ReassemblyCounter.OverlapsDifferentData);
                payload = payload[old..];
                seq = _next;
            }
            var ahead = seq - _next;
            if (ahead == 0)
            {
                DeliverInOrder(originalSeq, end, payload, ref sink);
                return;
            }
            if (end - _next <= _maxOutOfOrder)
            {
                var status = _buffer.Insert(_next, seq, payload, _policy, out var overlap);
                if (status == InsertStatus.Stored)
                {
                    _counters.Add(ReassemblyCounter.SegmentsOutOfOrder);
                    CountOverlap(overlap);
                    return;
                }
                if (status == InsertStatus.MemcapRefused)
                {
                    // Not buffered; the receiver's ACK (or the flow's end) turns the hole into a gap later.
                    _counters.Add(ReassemblyCounter.MemcapRefusals);
                    return;
                }
            }
            if (_buffer.Count == 0 && ahead > _maxOutOfOrder)
            {
                _counters.Add(ReassemblyCounter.OutOfWindowSegments);
                return;
            }
            // Buffer full: give up on the oldest hole and continue from the next buffered byte.
            _counters.Add(ReassemblyCounter.OutOfOrderOverflows);
            SkipTo(_buffer.Count > 0 ? Min(_buffer[0].Seq, seq) : seq, ref sink);
            DrainBuffered(ref sink);
            CheckFin(ref sink);
            if (Ended)
                return;
            if (_depthReached)
            {
                SkipPastDepth(seq, end);
                return;
            }
        }
    }

    private void DeliverInOrder<TSink>(uint originalSeq, uint end, ReadOnlySpan<byte> payload, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        _counters.Add(ReassemblyCounter.SegmentsInOrder);
        if (_buffer.Count == 0 || Geq(_buffer[0].Seq, end))
            Deliver(payload, ref sink);
        else
            CountOverlap(MergeDeliver(originalSeq, end, payload, ref sink));
        DrainBuffered(ref sink);
    }

    /// <summary>Delivers an in-order segment that overlaps buffered ranges, choosing per range by policy.</summary>
    private OverlapKind MergeDeliver<TSink>(uint originalSeq, uint end, ReadOnlySpan<byte> payload, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        var start = _next;
        var overlap = OverlapKind.None;
        var consumed = 0;
        while (consumed < _buffer.Count)
        {
            var range = _buffer[consumed];
            if (Geq(range.Seq, end))
                break;
            if (Lt(_next, range.Seq))
                Deliver(payload.Slice((int)(_next - start), (int)(range.Seq - _next)), ref sink);
            var overlapEnd = Min(end, range.End);
            if (Gt(overlapEnd, _next))
            {
                var fromPacket = payload.Slice((int)(_next - start), (int)(overlapEnd - _next));
                if (SequenceRing.SequenceEqual(_buffer.Ring, _next, fromPacket))
                {
                    overlap = overlap == OverlapKind.None ? OverlapKind.Same : overlap;
                    Deliver(fromPacket, ref sink);
                }
                else
                {
                    overlap = OverlapKind.Different;
                    if (OverlapRules.NewWins(_policy, originalSeq, end, range.OriginalSeq, range.OriginalEnd))
                        Deliver(fromPacket, ref sink);
                    else
                        DeliverFromRing(overlapEnd, ref sink);
                }
            }
            if (Gt(range.End, end))
            {
                _buffer.TrimStart(consumed, end);
                break;
            }
            consumed++;
        }
        _buffer.RemoveFirst(consumed);
        if (Lt(_next, end))
            Deliver(payload[(int)(_next - start)..], ref sink);
        return overlap;
    }

    /// <summary>Delivers buffered ranges that now start at or before the next expected byte.</summary>
    private void DrainBuffered<TSink>(ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        var consumed = 0;
        while (consumed < _buffer.Count)
        {
            var range = _buffer[consumed];
            if (Gt(range.Seq, _next))
                break;
            if (Gt(range.End, _next))
                DeliverFromRing(range.End, ref sink);
            consumed++;
        }
        _buffer.RemoveFirst(consumed);
    }

    private void DeliverFromRing<TSink>(uint to, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        while (Lt(_next, to))
            Deliver(SequenceRing.Contiguous(_buffer.Ring, _next, (int)(to - _next)), ref sink);
    }

    /// <summary>Hands in-order bytes at the next expected byte to the sink, up to the depth, and moves on.</summary>
    private void Deliver<TSink>(ReadOnlySpan<byte> data, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        var deliver = data.Length;
        if (_depthReached)
            deliver = 0;
        else if (_depth > 0 && _depth - _delivered < deliver)
            deliver = (int)(_depth - _delivered);
        if (deliver > 0)
        {
            var chunk = data[..deliver];
            _history.Record(_next, chunk);
            _delivered += deliver;
            _counters.Add(ReassemblyCounter.BytesDelivered, deliver);
            sink.OnData(_direction, chunk);
        }
        if (deliver < data.Length)
            _counters.Add(ReassemblyCounter.DepthSkippedBytes, data.Length - deliver);
        _next += (uint)data.Length;
        if (!_depthReached && _depth > 0 && _delivered >= _depth)
        {
            _depthReached = true;
            _counters.Add(ReassemblyCounter.DepthReached);
        }
    }

    private void CountOverlap(OverlapKind overlap)
    {
        if (overlap == OverlapKind.None)
            return;
        _counters.Add(ReassemblyCounter.SegmentsOverlapping);
        if (overlap == OverlapKind.Different)
            _counters.Add(ReassemblyCounter.OverlapsDifferentData);
    }

    private void NoteSeen(uint end)
    {
        if (Gt(end, _maxEnd) && end - _next <= MaxTrackedDistance)
            _maxEnd = end;
    }

    private void SkipPastDepth(uint seq, uint end)
    {
        if (Gt(end, _next) && end - _next <= MaxTrackedDistance)
        {
            _counters.Add(ReassemblyCounter.DepthSkippedBytes, end - Max(seq, _next));
            _next = end;
        }
    }

    private void CheckFin<TSink>(ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (_finPending && Geq(_next, _finSeq))
            End(_finSeq, ref sink);
    }

    private void AfterAdvance<TSink>(ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        CheckFin(ref sink);
        if (_depthReached)
        {
            _buffer.Release();
            _history.Release();
        }
    }

    /// <summary>Reports [next, <paramref name="target"/>) as missing and continues from <paramref name="target"/>.</summary>
    private void SkipTo<TSink>(uint target, ref TSink sink)
        where TSink : IStreamSink, allows ref struct
    {
        if (!Gt(target, _next))
            return;
        var missing = target - _next;
        _counters.Add(ReassemblyCounter.Gaps);
        _counters.Add(ReassemblyCounter.GapBytes, missing);
        _next = target;
        _history.Restart(target);
        sink.OnGap(_direction, missing);
    }
}
