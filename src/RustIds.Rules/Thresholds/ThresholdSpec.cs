using System.Globalization;

namespace RustIds.Rules.Thresholds;

/// <summary>A <c>threshold</c> or <c>detection_filter</c> option.</summary>
/// <param name="Type">limit, threshold, both, or detection filter.</param>
/// <param name="Track">What the count is kept per.</param>
/// <param name="Count">The N of the type's rule (at least 1).</param>
/// <param name="Seconds">Window length, from the first match it counts (at least 1).</param>
public sealed record ThresholdSpec(ThresholdType Type, ThresholdTrack Track, int Count, int Seconds)
{
    /// <summary>Parses a value such as <c>type limit, track by_src, count 1, seconds 60</c> (parts in any order).</summary>
    /// <param name="value">The option value.</param>
    /// <param name="detectionFilter">A <c>detection_filter</c>: no <c>type</c> part.</param>
    /// <param name="spec">The parsed option.</param>
    /// <param name="error">What is wrong, when parsing fails.</param>
    /// <param name="errorAt">Offset of the problem within <paramref name="value"/>.</param>
    public static bool TryParse(string value, bool detectionFilter, out ThresholdSpec? spec, out string? error, out int errorAt)
    {
        ArgumentNullException.ThrowIfNull(value);
        spec = null;
        ThresholdType? type = detectionFilter ? ThresholdType.DetectionFilter : null;
        ThresholdTrack? track = null;
        int? count = null, seconds = null;
        var at = 0;
        foreach (var part in value.Split(','))
        {
            var partAt = at + part.Length - part.TrimStart().Length;
            at += part.Length + 1;
            var words = part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2)
                return Fail($"expected 'name value' but found '{part.Trim()}'", partAt, out error, out errorAt);
            var (name, word) = (words[0], words[1]);
            switch (name)
            {
                case "type" when !detectionFilter:
                    type = word switch { "limit" => ThresholdType.Limit, "threshold" => ThresholdType.Threshold, "both" => ThresholdType.Both, _ => null };
                    if (type is null)
                        return Fail($"unknown threshold type '{word}' (limit, threshold, both)", partAt, out error, out errorAt);
                    break;
                case "track":
                    track = word switch
                    {
                        "by_src" => ThresholdTrack.BySource,
                        "by_dst" => ThresholdTrack.ByDestination,
                        "by_rule" => ThresholdTrack.ByRule,
                        "by_both" => ThresholdTrack.ByBoth,
                        "by_flow" => ThresholdTrack.ByFlow,
                        _ => null,
                    };
                    if (track is null)
                        return Fail($"unknown track '{word}' (by_src, by_dst, by_rule, by_both, by_flow)", partAt, out error, out errorAt);
                    break;
                case "count" or "seconds":
                    if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < (name == "count" ? 0 : 1))
                        return Fail($"invalid {name} '{word}'", partAt, out error, out errorAt);
                    if (name == "count")
                        count = number;
                    else
                        seconds = number;
                    break;
                default:
                    return Fail($"unknown part '{name}'", partAt, out error, out errorAt);
            }
        }
        if (type is null || track is null || count is null || seconds is null)
            return Fail(detectionFilter ? "detection_filter needs track, count and seconds" : "threshold needs type, track, count and seconds", 0, out error, out errorAt);
        spec = new ThresholdSpec(type.Value, track.Value, count.Value, seconds.Value);
        error = null;
        errorAt = 0;
        return true;
    }

    private static bool Fail(string message, int at, out string? error, out int errorAt)
    {
        error = message;
        errorAt = at;
        return false;
    }
}
