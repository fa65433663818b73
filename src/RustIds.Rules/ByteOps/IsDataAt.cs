namespace RustIds.Rules.ByteOps;

/// <summary>isdataat: checks that the buffer holds data at a position.</summary>
/// <remarks>
/// Exactly Suricata's definition, which is not symmetric: absolute <c>isdataat:N</c> matches when the byte
/// at index N exists (<c>N &lt; length</c>); relative <c>isdataat:N,relative</c> matches when N more bytes
/// follow the cursor (<c>cursor + N &lt;= length</c>), so <c>isdataat:1,relative</c> means "at least one byte
/// after the cursor". <c>!</c> negates. A variable too large for the buffer counts as "no data".
/// <c>rawbytes</c> is accepted and has no effect: the caller chooses the buffer.
/// </remarks>
public sealed class IsDataAt : ByteOperation
{
    private readonly bool _relative;

    internal IsDataAt(ByteOperand position, bool negated, bool relative, bool rawBytes)
    {
        Position = position;
        Negated = negated;
        _relative = relative;
        RawBytes = rawBytes;
    }

    /// <inheritdoc/>
    public override string Keyword => "isdataat";

    /// <inheritdoc/>
    public override bool Relative => _relative;

    /// <summary>Gets the position N (0..65535 literal, or a variable).</summary>
    public ByteOperand Position { get; }

    /// <summary>Gets whether the check is negated (<c>!</c>).</summary>
    public bool Negated { get; }

    /// <summary>Gets whether <c>rawbytes</c> was given (accepted, no effect).</summary>
    public bool RawBytes { get; }

    /// <inheritdoc/>
    public override bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters)
    {
        if (!CursorIsValid(buffer, cursor, counters))
        {
            return false;
        }

        if (!Position.TryResolve(variables, out long bits))
        {
            counters?.CountBadVariable();
            return false;
        }

        // Variables are unsigned; anything past int range is beyond every buffer.
        ulong n = (ulong)bits;
        bool present = n <= int.MaxValue
            && (_relative ? cursor + (long)n <= buffer.Length : (long)n < buffer.Length);
        return present != Negated;
    }
}
