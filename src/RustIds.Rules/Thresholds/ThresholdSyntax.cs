namespace RustIds.Rules.Thresholds;

/// <summary>Value spellings shared by the rule keywords and threshold.config (lower case, as Suricata writes them).</summary>
internal static class ThresholdSyntax
{
    /// <summary>Largest count or seconds accepted: Suricata stores them as uint32; we keep them in an int.</summary>
    public const int MaxNumber = int.MaxValue;

    public static bool TryParseType(ReadOnlySpan<char> value, out ThresholdType type, out string? error)
    {
        error = null;
        switch (value)
        {
            case "limit":
                type = ThresholdType.Limit;
                return true;
            case "threshold":
                type = ThresholdType.Threshold;
                return true;
            case "both":
                type = ThresholdType.Both;
                return true;
            case "backoff":
                type = default;
                error = "threshold type 'backoff' is not supported";
                return false;
            default:
                type = default;
                error = $"unknown threshold type '{value}' (expected limit, threshold or both)";
                return false;
        }
    }

    /// <summary>Parses a <c>by_*</c> tracking name; <paramref name="allowFlow"/> and <paramref name="allowRuleAndBoth"/> narrow the set.</summary>
    public static bool TryParseTrack(ReadOnlySpan<char> value, bool allowRuleAndBoth, bool allowFlow, out ThresholdTrack track, out string? error)
    {
        error = null;
        track = value switch
        {
            "by_src" => ThresholdTrack.BySrc,
            "by_dst" => ThresholdTrack.ByDst,
            "by_rule" => ThresholdTrack.ByRule,
            "by_both" => ThresholdTrack.ByBoth,
            "by_flow" => ThresholdTrack.ByFlow,
            _ => (ThresholdTrack)255,
        };
        var ok = track switch
        {
            ThresholdTrack.BySrc or ThresholdTrack.ByDst => true,
            ThresholdTrack.ByRule or ThresholdTrack.ByBoth => allowRuleAndBoth,
            ThresholdTrack.ByFlow => allowFlow,
            _ => false,
        };
        if (!ok)
        {
            var expected = allowFlow ? "by_src, by_dst, by_rule, by_both or by_flow"
                : allowRuleAndBoth ? "by_src, by_dst, by_rule or by_both" : "by_src or by_dst";
            error = $"track '{value}' is not allowed here (expected {expected})";
            track = default;
        }
        return ok;
    }

    /// <summary>Parses a decimal number of at least <paramref name="minimum"/>; digits only, no sign.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> value, string name, int minimum, out int number, out string? error)
    {
        number = 0;
        long accumulated = 0;
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                error = $"{name} must be a decimal number (found '{value}')";
                return false;
            }
            accumulated = (accumulated * 10) + (c - '0');
            if (accumulated > MaxNumber)
            {
                error = $"{name} is out of range (at most {MaxNumber})";
                return false;
            }
        }
        if (value.IsEmpty)
        {
            error = $"{name} needs a value";
            return false;
        }
        if (accumulated < minimum)
        {
            error = $"{name} must be {minimum} or more";
            return false;
        }
        number = (int)accumulated;
        error = null;
        return true;
    }

    /// <summary>Parses a generator or signature id (0 or more, up to uint32 max as Suricata).</summary>
    public static bool TryParseId(ReadOnlySpan<char> value, string name, out long id, out string? error)
    {
        id = 0;
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                error = $"{name} must be a decimal number (found '{value}')";
                return false;
            }
            id = (id * 10) + (c - '0');
            if (id > uint.MaxValue)
            {
                error = $"{name} is out of range (at most {uint.MaxValue})";
                return false;
            }
        }
        error = value.IsEmpty ? $"{name} needs a value" : null;
        return error is null;
    }
}
