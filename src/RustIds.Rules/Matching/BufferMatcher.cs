namespace RustIds.Rules.Matching;

/// <summary>Runs a <see cref="BufferInspection"/>'s steps over a buffer, retrying later occurrences the way Suricata's content inspection does.</summary>
internal static class BufferMatcher
{
    /// <summary>Bound on step attempts per buffer inspection, like Suricata's inspection recursion limit.</summary>
    public const int MatchBudget = 3000;

    /// <summary>Whether every step of <paramref name="inspection"/> matches <paramref name="data"/>; allocation-free.</summary>
    public static bool Matches(BufferInspection inspection, ReadOnlySpan<byte> data, InspectionScratch scratch)
    {
        if (inspection.Transforms != BufferTransforms.None)
            data = scratch.Transform(data, inspection.Transforms);
        var budget = MatchBudget;
        return MatchFrom(inspection, 0, data, 0, ref budget, scratch);
    }

    private static bool MatchFrom(BufferInspection inspection, int index, ReadOnlySpan<byte> data, int cursor, ref int budget, InspectionScratch scratch)
    {
        var steps = inspection.StepArray;
        if (index == steps.Length)
            return true;
        if (--budget < 0)
            return false;
        var step = steps[index];
        switch (step.Kind)
        {
            case StepKind.Content:
                return MatchContent(inspection, index, ((ContentStep)step).Content, data, cursor, ref budget, scratch);
            case StepKind.ByteOperation:
                var moved = cursor;
                return ((ByteStep)step).Operation.Evaluate(data, ref moved, scratch.Variables, scratch.ByteCounters)
                    && MatchFrom(inspection, index + 1, data, moved, ref budget, scratch);
            case StepKind.Pcre:
                var pcre = ((PcreStep)step).Spec;
                var found = scratch.Pcre.Match(pcre, data, pcre.Relative ? cursor : 0, out var end);
                if (pcre.Negated)
                    return !found && MatchFrom(inspection, index + 1, data, cursor, ref budget, scratch);
                return found && MatchFrom(inspection, index + 1, data, end, ref budget, scratch);
            case StepKind.BufferSize:
                return ((BufferSizeStep)step).Range.Contains(data.Length) && MatchFrom(inspection, index + 1, data, cursor, ref budget, scratch);
            default:
                return false;
        }
    }

    private static bool MatchContent(BufferInspection inspection, int index, ContentMatch content, ReadOnlySpan<byte> data, int cursor, ref int budget, InspectionScratch scratch)
    {
        int start, end;
        var variables = scratch.Variables;
        if (content.IsRelative)
        {
            var distance = content.DistanceVariable >= 0 ? Clamp(variables[content.DistanceVariable]) : content.Distance;
            var within = content.WithinVariable >= 0 ? Clamp(variables[content.WithinVariable]) : content.Within;
            start = Math.Max(0, cursor + distance);
            end = content.HasWithin ? Math.Min(data.Length, cursor + distance + within) : data.Length;
        }
        else
        {
            var offset = content.OffsetVariable >= 0 ? Clamp(variables[content.OffsetVariable]) : content.Offset;
            var depth = content.DepthVariable >= 0 ? Clamp(variables[content.DepthVariable]) : content.Depth;
            start = Math.Max(0, offset);
            end = depth > 0 ? Math.Min(data.Length, start + depth) : data.Length;
        }
        var length = content.Pattern.Length;
        var fits = start <= data.Length && end - start >= length;
        if (content.EndsWith)
        {
            // Only one place can end at the buffer's end: test it.
            var at = data.Length - length;
            var found = fits && at >= start && at + length <= end && Equals(data.Slice(at, length), content);
            if (content.Negated)
                return !found && MatchFrom(inspection, index + 1, data, cursor, ref budget, scratch);
            return found && MatchFrom(inspection, index + 1, data, data.Length, ref budget, scratch);
        }
        if (content.Negated)
        {
            if (fits && ContentSearch.IndexOf(data[start..end], content) >= 0)
                return false;
            return MatchFrom(inspection, index + 1, data, cursor, ref budget, scratch);
        }
        if (!fits)
            return false;
        var from = start;
        while (true)
        {
            var hit = ContentSearch.IndexOf(data[from..end], content);
            if (hit < 0)
                return false;
            var position = from + hit;
            if (MatchFrom(inspection, index + 1, data, position + length, ref budget, scratch))
                return true;
            if (!inspection.Backtrack[index] || budget <= 0)
                return false;
            from = position + 1;
            if (end - from < length)
                return false;
        }
    }

    /// <summary>An extracted value used as a position: kept within what a buffer offset can be.</summary>
    private static int Clamp(long value) => (int)Math.Clamp(value, -65535, 1 << 24);

    private static bool Equals(ReadOnlySpan<byte> candidate, ContentMatch content) =>
        content.NoCase ? ContentSearch.IndexOfFolded(candidate, content.FoldedPattern) == 0 : candidate.SequenceEqual(content.Pattern);
}
