using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>Checks every delivered byte against the original stream at the sink's running offset.</summary>
/// <remarks>The offset of a direction advances with data and gaps, so any byte delivered at the wrong place,
/// any invented byte and any miscounted gap shows up as a mismatch.</remarks>
internal sealed class CheckingSink : IStreamSink
{
    private readonly int[] _length = new int[2];
    private byte[][] _original = [[], []];
    private readonly long[] _position = new long[2];
    private readonly bool[] _known = new bool[2];
    private readonly int[] _ends = new int[2];
    private bool _check;

    public long Mismatches { get; private set; }

    public long Violations { get; private set; }

    public long[] Delivered { get; } = new long[2];

    public long[] GapBytes { get; } = new long[2];

    /// <summary>Starts a flow whose streams are the first <paramref name="lengths"/> bytes of <paramref name="original"/>.</summary>
    public void Begin(byte[][] original, int[] lengths, bool check)
    {
        _original = original;
        lengths.CopyTo(_length, 0);
        _check = check;
        for (var i = 0; i < 2; i++)
        {
            _position[i] = 0;
            _known[i] = false;
            _ends[i] = 0;
            Delivered[i] = 0;
            GapBytes[i] = 0;
        }
    }

    /// <summary>Tells the sink where <paramref name="direction"/>'s stream starts (0 for a handshake).</summary>
    public void StartAt(int direction, long offset)
    {
        _position[direction] = offset;
        _known[direction] = true;
    }

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        var i = Index(direction);
        if (data.IsEmpty || _ends[i] > 0)
            Violations++;
        if (_check)
        {
            var position = _position[i];
            var original = _original[i];
            if (!_known[i] || position < 0 || position + data.Length > _length[i]
                || !data.SequenceEqual(original.AsSpan((int)position, data.Length)))
                Mismatches++;
        }
        _position[i] += data.Length;
        Delivered[i] += data.Length;
    }

    public void OnGap(FlowDirection direction, uint missingBytes)
    {
        var i = Index(direction);
        if (missingBytes == 0 || _ends[i] > 0)
            Violations++;
        _position[i] += missingBytes;
        GapBytes[i] += missingBytes;
    }

    public void OnEnd(FlowDirection direction)
    {
        if (++_ends[Index(direction)] > 1)
            Violations++;
    }

    private int Index(FlowDirection direction)
    {
        if (direction is not (FlowDirection.ToServer or FlowDirection.ToClient))
            Violations++;
        return direction == FlowDirection.ToServer ? 0 : 1;
    }
}
