using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>Builds and feeds one random flow per <see cref="Run"/>; segments are cut from two original streams.</summary>
internal sealed class SegmentGenerator(Random random)
{
    private const int MaxStreamBytes = 1500;

    private readonly byte[][] _original = [new byte[MaxStreamBytes], new byte[MaxStreamBytes]];
    private readonly byte[] _garbage = new byte[2048];
    private readonly uint[] _isn = new uint[2];
    private readonly int[] _length = new int[2];
    private readonly bool[] _started = new bool[2];
    private readonly List<(int Direction, int Offset, int Length, TcpFlags Flags)> _planned = [];

    public long Length(int direction) => _length[direction];

    public void Run(TcpReassembler reassembler, ReassemblyOptions options, FlowMode mode, CheckingSink sink)
    {
        for (var d = 0; d < 2; d++)
        {
            _length[d] = random.Next(0, MaxStreamBytes + 1);
            random.NextBytes(_original[d].AsSpan(0, _length[d]));
            // A quarter of the flows start just below 2^32 so their streams wrap.
            _isn[d] = random.Next(4) == 0 ? uint.MaxValue - (uint)random.Next(0, 3000) : (uint)random.NextInt64(0, 1L << 32);
            _started[d] = false;
        }
        sink.Begin(_original, _length, mode != FlowMode.Garbage);

        switch (mode)
        {
            case FlowMode.Garbage:
                RunGarbage(reassembler, sink);
                break;
            case FlowMode.Complete:
                Handshake(reassembler, sink);
                PlanComplete();
                foreach (var (d, offset, length, flags) in _planned)
                    Send(reassembler, options, sink, d, offset, length, flags, ack: 0);
                break;
            default:
                if (mode == FlowMode.CutWithHandshake)
                    Handshake(reassembler, sink);
                RunCuts(reassembler, options, sink);
                break;
        }
        if (random.Next(2) == 0)
            reassembler.Finish(ref sink);
    }

    private void Handshake(TcpReassembler reassembler, CheckingSink sink)
    {
        reassembler.Process(FlowDirection.ToServer, _isn[0], 0, TcpFlags.Syn, [], ref sink);
        reassembler.Process(FlowDirection.ToClient, _isn[1], _isn[0] + 1, TcpFlags.Syn | TcpFlags.Ack, [], ref sink);
        reassembler.Process(FlowDirection.ToServer, _isn[0] + 1, _isn[1] + 1, TcpFlags.Ack, [], ref sink);
        for (var d = 0; d < 2; d++)
        {
            _started[d] = true;
            sink.StartAt(d, 0);
        }
    }

    /// <summary>Random cuts, duplicates and flags; ACKs acknowledge at most what the other side's stream holds.</summary>
    private void RunCuts(TcpReassembler reassembler, ReassemblyOptions options, CheckingSink sink)
    {
        var count = random.Next(1, 40);
        for (var i = 0; i < count; i++)
        {
            var d = random.Next(2);
            var offset = _length[d] == 0 ? 0 : random.Next(0, _length[d]);
            var length = random.Next(0, Math.Min(_length[d] - offset, 700) + 1);
            var roll = random.Next(100);
            var flags = roll switch
            {
                < 5 => TcpFlags.Fin | TcpFlags.Ack,
                < 7 => TcpFlags.Rst | TcpFlags.Ack,
                < 10 => TcpFlags.Syn,
                < 20 => TcpFlags.Psh,
                _ => TcpFlags.Ack | TcpFlags.Psh,
            };
            if ((flags & TcpFlags.Syn) != 0)
            {
                // A (retransmitted) SYN with the real ISN, maybe carrying the stream's first bytes.
                offset = -1;
                length = Math.Min(length, _length[d]);
            }
            uint ack = 0;
            if ((flags & TcpFlags.Ack) != 0)
            {
                var other = 1 - d;
                ack = random.Next(20) == 0
                    ? (uint)random.NextInt64(0, 1L << 32)
                    : _isn[other] + 1 + (uint)random.Next(0, _length[other] + 1);
            }
            Send(reassembler, options, sink, d, offset, length, flags, ack);
        }
    }

    private void PlanComplete()
    {
        _planned.Clear();
        for (var d = 0; d < 2; d++)
        {
            for (var offset = 0; offset < _length[d];)
            {
                var length = Math.Min(random.Next(1, 300), _length[d] - offset);
                _planned.Add((d, offset, length, TcpFlags.Psh));
                offset += length;
            }
            for (var extra = random.Next(0, 6); extra > 0 && _length[d] > 0; extra--)
            {
                var offset = random.Next(0, _length[d]);
                _planned.Add((d, offset, random.Next(1, Math.Min(400, _length[d] - offset) + 1), TcpFlags.None));
            }
        }
        for (var i = _planned.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_planned[i], _planned[j]) = (_planned[j], _planned[i]);
        }
    }

    /// <summary>Sends bytes [offset, offset + length) of direction <paramref name="d"/>; offset -1 means a SYN.</summary>
    private void Send(TcpReassembler reassembler, ReassemblyOptions options, CheckingSink sink,
        int d, int offset, int length, TcpFlags flags, uint ack)
    {
        var direction = d == 0 ? FlowDirection.ToServer : FlowDirection.ToClient;
        var syn = offset < 0;
        var seq = syn ? _isn[d] : _isn[d] + 1 + (uint)offset;
        var payload = _original[d].AsSpan(syn ? 0 : offset, length);
        if (!_started[d])
        {
            // Mirror the documented start rules so the sink knows where the stream begins.
            if (syn)
            {
                _started[d] = true;
                sink.StartAt(d, 0);
            }
            else if (options.AllowMidstream && length > 0 && (flags & TcpFlags.Rst) == 0)
            {
                _started[d] = true;
                sink.StartAt(d, offset);
            }
        }
        reassembler.Process(direction, seq, ack, flags, payload, ref sink);
    }

    private void RunGarbage(TcpReassembler reassembler, CheckingSink sink)
    {
        var count = random.Next(1, 30);
        var baseSeq = (uint)random.NextInt64(0, 1L << 32);
        for (var i = 0; i < count; i++)
        {
            var direction = (FlowDirection)random.Next(0, 4);
            var seq = random.Next(3) == 0 ? (uint)random.NextInt64(0, 1L << 32) : baseSeq + (uint)random.Next(-2000, 5000);
            var ack = random.Next(3) == 0 ? (uint)random.NextInt64(0, 1L << 32) : baseSeq + (uint)random.Next(-2000, 5000);
            var flags = (TcpFlags)random.Next(0, 256);
            var length = random.Next(0, 4) == 0 ? 0 : random.Next(0, _garbage.Length);
            random.NextBytes(_garbage.AsSpan(0, length));
            reassembler.Process(direction, seq, ack, flags, _garbage.AsSpan(0, length), ref sink);
        }
    }
}
