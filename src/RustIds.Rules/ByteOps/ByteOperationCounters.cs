namespace RustIds.Rules.ByteOps;

/// <summary>Counts, by kind, why byte operations failed on packet data.</summary>
/// <remarks>
/// Not thread-safe by design: one instance per capture worker thread (one writer). These are
/// data-caused non-matches worth watching (a rule that reads past the end of most packets), not
/// ordinary comparison failures, which are not counted.
/// </remarks>
public sealed class ByteOperationCounters
{
    /// <summary>Gets reads that started before the buffer or ended after it.</summary>
    public long OutOfBounds { get; private set; }

    /// <summary>Gets string conversions that found no digit or overflowed 64 bits.</summary>
    public long NotANumber { get; private set; }

    /// <summary>Gets byte_jump targets past the end of the buffer.</summary>
    public long JumpOutOfBounds { get; private set; }

    /// <summary>Gets byte_math divisions by zero.</summary>
    public long DivisionByZero { get; private set; }

    /// <summary>Gets variable references that were missing or held an unusable value (a byte count of 0).</summary>
    public long BadVariable { get; private set; }

    /// <summary>Gets calls whose cursor lay outside the buffer.</summary>
    public long BadCursor { get; private set; }

    /// <summary>Gets the sum of all error kinds.</summary>
    public long Total => OutOfBounds + NotANumber + JumpOutOfBounds + DivisionByZero + BadVariable + BadCursor;

    internal void CountOutOfBounds() => OutOfBounds++;

    internal void CountNotANumber() => NotANumber++;

    internal void CountJumpOutOfBounds() => JumpOutOfBounds++;

    internal void CountDivisionByZero() => DivisionByZero++;

    internal void CountBadVariable() => BadVariable++;

    internal void CountBadCursor() => BadCursor++;
}
