using System.Text;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>Records everything a reassembler reports, per direction and as one ordered event log.</summary>
internal sealed class RecordingSink : IStreamSink
{
    private readonly List<byte>[] _data = [[], []];

    public List<string> Events { get; } = [];

    public List<uint>[] Gaps { get; } = [[], []];

    public int[] Ends { get; } = new int[2];

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        Assert.False(data.IsEmpty);
        _data[Index(direction)].AddRange(data);
        Events.Add($"{direction}:data:{Encoding.ASCII.GetString(data)}");
    }

    public void OnGap(FlowDirection direction, uint missingBytes)
    {
        Assert.NotEqual(0u, missingBytes);
        Gaps[Index(direction)].Add(missingBytes);
        Events.Add($"{direction}:gap:{missingBytes}");
    }

    public void OnEnd(FlowDirection direction)
    {
        Ends[Index(direction)]++;
        Events.Add($"{direction}:end");
    }

    public string Text(FlowDirection direction) => Encoding.ASCII.GetString([.. _data[Index(direction)]]);

    public byte[] Bytes(FlowDirection direction) => [.. _data[Index(direction)]];

    private static int Index(FlowDirection direction) => direction == FlowDirection.ToServer ? 0 : 1;
}
