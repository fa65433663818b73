namespace RustIds.Rules.ByteOps;

/// <summary>byte_jump: reads a length and moves the cursor by it.</summary>
/// <remarks>
/// The jump is <c>value * multiplier</c>, rounded up to a multiple of 4 with <c>align</c>, plus
/// <c>post_offset</c>, counted from the end of the bytes read (default), from the buffer start
/// (<c>from_beginning</c>) or from the buffer end (<c>from_end</c>). As in Suricata 7, a target before
/// the buffer start is clamped to 0, a target equal to the buffer length is a match (cursor at the end;
/// only <c>isdataat:!1,relative</c>-style checks can follow), and a target past the end does not match.
/// For a string field the jump starts after the last digit, not after all <c>bytes</c>. Snort 3 differs
/// for a non-relative jump: it starts from the cursor plus offset; we follow Suricata.
/// </remarks>
public sealed class ByteJump : ByteOperation
{
    // A value this large times any multiplier jumps past every buffer; checking first keeps the math in long.
    private const ulong MaxUsefulValue = 1UL << 33;

    internal ByteJump(ByteField field, int multiplier, bool align, bool fromBeginning, bool fromEnd, int postOffset)
    {
        Field = field;
        Multiplier = multiplier;
        Align = align;
        FromBeginning = fromBeginning;
        FromEnd = fromEnd;
        PostOffset = postOffset;
    }

    /// <inheritdoc/>
    public override string Keyword => "byte_jump";

    /// <inheritdoc/>
    public override bool Relative => Field.Relative;

    /// <summary>Gets where and how the length is read.</summary>
    public ByteField Field { get; }

    /// <summary>Gets the multiplier applied to the value (1..65535, default 1).</summary>
    public int Multiplier { get; }

    /// <summary>Gets whether the jump is rounded up to a multiple of 4 (<c>align</c>).</summary>
    public bool Align { get; }

    /// <summary>Gets whether the jump counts from the buffer start.</summary>
    public bool FromBeginning { get; }

    /// <summary>Gets whether the jump counts from the buffer end.</summary>
    public bool FromEnd { get; }

    /// <summary>Gets the bytes added after the jump (-65535..65535).</summary>
    public int PostOffset { get; }

    /// <inheritdoc/>
    public override bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters)
    {
        if (!CursorIsValid(buffer, cursor, counters)
            || !Field.TryRead(buffer, cursor, variables, counters, out ulong raw, out _, out int end))
        {
            return false;
        }

        ulong value = ByteNumberReader.ApplyBitmask(raw, Field.Bitmask);
        if (value > MaxUsefulValue)
        {
            counters?.CountJumpOutOfBounds();
            return false;
        }

        long jump = (long)value * Multiplier;
        if (Align && (jump & 3) != 0)
        {
            jump += 4 - (jump & 3);
        }

        jump += PostOffset;
        long origin = FromBeginning ? 0 : FromEnd ? buffer.Length : end;
        long target = origin + jump;
        if (target > buffer.Length)
        {
            counters?.CountJumpOutOfBounds();
            return false;
        }

        cursor = target < 0 ? 0 : (int)target;
        return true;
    }
}
