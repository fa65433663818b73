namespace RustIds.Packets.AppLayer.Http;

/// <summary>Offset and length of a field inside one of a message's buffers.</summary>
internal readonly struct Segment
{
    public Segment(int offset, int length)
    {
        Offset = offset;
        Length = length;
    }

    public int Offset { get; }

    public int Length { get; }

    public int End => Offset + Length;
}
