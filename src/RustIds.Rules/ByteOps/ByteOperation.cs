namespace RustIds.Rules.ByteOps;

/// <summary>A parsed byte_test, byte_jump, byte_extract, byte_math or isdataat option, ready to evaluate.</summary>
/// <remarks>
/// Instances are immutable and may be shared by all worker threads; per-inspection state lives in the
/// caller's cursor and variable span. Evaluation never throws on data and allocates nothing.
/// </remarks>
public abstract class ByteOperation
{
    /// <summary>Gets the rule keyword (for example <c>byte_test</c>).</summary>
    public abstract string Keyword { get; }

    /// <summary>Gets whether the operation works from the cursor (<c>relative</c>).</summary>
    public abstract bool Relative { get; }

    /// <summary>Evaluates on <paramref name="buffer"/> at <paramref name="cursor"/> without counting errors.</summary>
    /// <param name="buffer">Buffer under inspection (payload or an app-layer buffer).</param>
    /// <param name="cursor">End of the previous match, 0 at start; moved by byte_jump, byte_extract and byte_math on a match.</param>
    /// <param name="variables">The rule's variable values; byte_extract and byte_math write their slot on a match.</param>
    /// <returns>Whether the option matched.</returns>
    public bool Evaluate(ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables) =>
        Evaluate(buffer, ref cursor, variables, null);

    /// <summary>Evaluates on <paramref name="buffer"/> at <paramref name="cursor"/>, counting data errors.</summary>
    /// <remarks>
    /// Returns whether it matched; out-of-range reads, bad variables and a cursor outside the buffer do
    /// not match and are counted in <paramref name="counters"/>. The cursor and variables change only on a match.
    /// </remarks>
    /// <param name="buffer">Buffer under inspection (payload or an app-layer buffer).</param>
    /// <param name="cursor">End of the previous match, 0 at start; moved by byte_jump, byte_extract and byte_math on a match.</param>
    /// <param name="variables">The rule's variable values; byte_extract and byte_math write their slot on a match.</param>
    /// <param name="counters">Error counters of this worker thread, or null.</param>
    /// <returns>Whether the option matched.</returns>
    public abstract bool Evaluate(
        ReadOnlySpan<byte> buffer, ref int cursor, Span<long> variables, ByteOperationCounters? counters);

    /// <summary>Checks the cursor lies in 0..buffer.Length and counts it if not.</summary>
    /// <param name="buffer">Buffer under inspection.</param>
    /// <param name="cursor">Cursor to check.</param>
    /// <param name="counters">Error counters, or null.</param>
    /// <returns>Whether the cursor is usable.</returns>
    private protected static bool CursorIsValid(ReadOnlySpan<byte> buffer, int cursor, ByteOperationCounters? counters)
    {
        if ((uint)cursor <= (uint)buffer.Length)
        {
            return true;
        }

        counters?.CountBadCursor();
        return false;
    }
}
