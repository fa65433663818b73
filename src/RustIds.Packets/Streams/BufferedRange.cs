namespace RustIds.Packets.Streams;

/// <summary>One run of out-of-order bytes held in the ring, with the bounds of the segment that first stored it.</summary>
/// <remarks>The original bounds feed <see cref="OverlapRules"/>: OS overlap rules compare whole segments, not the
/// fragments left after earlier overlaps were resolved.</remarks>
internal struct BufferedRange
{
    public uint Seq;
    public int Length;
    public uint OriginalSeq;
    public int OriginalLength;

    public readonly uint End => Seq + (uint)Length;

    public readonly uint OriginalEnd => OriginalSeq + (uint)OriginalLength;
}
