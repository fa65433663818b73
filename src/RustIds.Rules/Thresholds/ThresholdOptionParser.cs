namespace RustIds.Rules.Thresholds;

/// <summary>Parses the values of the <c>threshold:</c> and <c>detection_filter:</c> rule keywords.</summary>
/// <remarks>
/// Syntax (Suricata "Thresholding Keywords"): comma-separated <c>key value</c> parts in any order;
/// threshold needs <c>type</c>, <c>track</c>, <c>count</c> and <c>seconds</c>; detection_filter needs
/// <c>track</c>, <c>count</c> and <c>seconds</c>. Count and seconds are 1 or more. Errors give an offset into the value.
/// </remarks>
public static class ThresholdOptionParser
{
    /// <summary>Parses the text after <c>threshold:</c>.</summary>
    /// <param name="value">The keyword value, e.g. <c>type limit, track by_src, count 1, seconds 60</c>.</param>
    /// <param name="spec">The parsed threshold, or null on error.</param>
    /// <param name="error">What is wrong, or null.</param>
    /// <param name="errorOffset">Offset into <paramref name="value"/> of the problem, or -1.</param>
    public static bool TryParseThreshold(string value, out ThresholdSpec? spec, out string? error, out int errorOffset)
    {
        spec = null;
        if (!TryParse(value, isThreshold: true, out var fields, out error, out errorOffset))
            return false;
        spec = new ThresholdSpec(fields.Type, fields.Track, fields.Count, fields.Seconds);
        return true;
    }

    /// <summary>Parses the text after <c>detection_filter:</c>.</summary>
    /// <param name="value">The keyword value, e.g. <c>track by_src, count 5, seconds 60</c>.</param>
    /// <param name="spec">The parsed filter, or null on error.</param>
    /// <param name="error">What is wrong, or null.</param>
    /// <param name="errorOffset">Offset into <paramref name="value"/> of the problem, or -1.</param>
    public static bool TryParseDetectionFilter(string value, out DetectionFilterSpec? spec, out string? error, out int errorOffset)
    {
        spec = null;
        if (!TryParse(value, isThreshold: false, out var fields, out error, out errorOffset))
            return false;
        spec = new DetectionFilterSpec(fields.Track, fields.Count, fields.Seconds);
        return true;
    }

    private static bool TryParse(string value, bool isThreshold, out Fields fields, out string? error, out int errorOffset)
    {
        fields = default;
        if (value is null)
        {
            error = "missing value";
            errorOffset = 0;
            return false;
        }
        var parts = new List<OptionPart>(4);
        if (!OptionSplitter.TrySplit(value, 0, value.Length, parts, out error, out errorOffset))
            return false;
        bool seenType = false, seenTrack = false, seenCount = false, seenSeconds = false;
        foreach (var part in parts)
        {
            var key = part.Key(value);
            var text = part.Value(value);
            errorOffset = part.ValueStart;
            bool ok;
            ref var seen = ref seenType;
            switch (key)
            {
                case "type" when isThreshold:
                    ok = ThresholdSyntax.TryParseType(text, out fields.Type, out error);
                    break;
                case "track":
                    seen = ref seenTrack;
                    ok = ThresholdSyntax.TryParseTrack(text, allowRuleAndBoth: true, allowFlow: true, out fields.Track, out error);
                    break;
                case "count":
                    seen = ref seenCount;
                    ok = ThresholdSyntax.TryParseNumber(text, "count", 1, out fields.Count, out error);
                    break;
                case "seconds":
                    seen = ref seenSeconds;
                    ok = ThresholdSyntax.TryParseNumber(text, "seconds", 1, out fields.Seconds, out error);
                    break;
                case "multiplier" when isThreshold:
                    error = "'multiplier' (threshold type backoff) is not supported";
                    errorOffset = part.KeyStart;
                    return false;
                default:
                    error = $"unknown option '{key}'";
                    errorOffset = part.KeyStart;
                    return false;
            }
            if (seen)
            {
                error = $"option '{key}' given twice";
                errorOffset = part.KeyStart;
                return false;
            }
            if (!ok)
                return false;
            seen = true;
        }
        errorOffset = value.Length;
        error = (isThreshold && !seenType) ? "missing 'type'"
            : !seenTrack ? "missing 'track'"
            : !seenCount ? "missing 'count'"
            : !seenSeconds ? "missing 'seconds'"
            : null;
        if (error is not null)
            return false;
        errorOffset = -1;
        return true;
    }

    private struct Fields
    {
        public ThresholdType Type;
        public ThresholdTrack Track;
        public int Count;
        public int Seconds;
    }
}
