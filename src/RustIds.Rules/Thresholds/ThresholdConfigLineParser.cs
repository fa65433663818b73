namespace RustIds.Rules.Thresholds;

/// <summary>Parses one threshold.config statement (<c>threshold</c>, <c>event_filter</c>, <c>suppress</c>, <c>rate_filter</c>).</summary>
/// <remarks>
/// After the directive name come comma-separated <c>key value</c> parts (Suricata "Global-Thresholds");
/// the order of the parts is free, every required part must be present, unknown or repeated parts are errors.
/// </remarks>
internal static class ThresholdConfigLineParser
{
    public static bool TryParse(string text, int line, Func<string, string?> resolveVariable,
        out ThresholdConfigDirective? directive, out string? error, out int errorOffset)
    {
        directive = null;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
            start++;
        var nameEnd = start;
        while (nameEnd < text.Length && (char.IsAsciiLetterLower(text[nameEnd]) || text[nameEnd] == '_'))
            nameEnd++;
        var name = text.AsSpan(start, nameEnd - start);
        ThresholdDirectiveKind kind;
        switch (name)
        {
            case "threshold" or "event_filter":
                kind = ThresholdDirectiveKind.Threshold;
                break;
            case "suppress":
                kind = ThresholdDirectiveKind.Suppress;
                break;
            case "rate_filter":
                kind = ThresholdDirectiveKind.RateFilter;
                break;
            default:
                var shown = nameEnd == start ? text.AsSpan(start, Math.Min(1, text.Length - start)) : name;
                error = $"unknown directive '{shown}' (expected threshold, event_filter, suppress or rate_filter)";
                errorOffset = start;
                return false;
        }
        var parts = new List<OptionPart>(8);
        if (!OptionSplitter.TrySplit(text, nameEnd, text.Length, parts, out error, out errorOffset))
            return false;
        if (parts.Count > 0 && parts[0].KeyStart == nameEnd)
        {
            error = $"expected a space after '{name}'";
            errorOffset = nameEnd;
            return false;
        }
        var values = new ParsedValues(text, parts.Count);
        if (!values.TryCollect(parts, kind, out error, out errorOffset))
            return false;
        return values.TryBuild(kind, line, resolveVariable, out directive, out error, out errorOffset);
    }
}
