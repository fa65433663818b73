using System.Globalization;

namespace RustIds.Detection.Behaviour;

/// <summary>Why a detector fired: what it measured, over which window, against which threshold or baseline.</summary>
/// <param name="Signature">Which finding.</param>
/// <param name="Measure">What was counted, for people (<c>distinct destination ports</c>).</param>
/// <param name="Observed">The value that crossed the line.</param>
/// <param name="Threshold">The configured threshold, or the baseline's mean + sigma × deviation.</param>
/// <param name="Window">The window or interval the value covers.</param>
/// <param name="Subject">What the finding is about besides the offender: the attacked service, the domain; null when nothing.</param>
public sealed record DetectionEvidence(DetectorSignature Signature, string Measure, double Observed, double Threshold, TimeSpan Window, string? Subject = null)
{
    /// <summary>The baseline's mean, for baseline detectors.</summary>
    public double? BaselineMean { get; init; }

    /// <summary>The baseline's standard deviation (after its floor), for baseline detectors.</summary>
    public double? BaselineDeviation { get; init; }

    /// <summary>How many deviations above the mean count as anomalous.</summary>
    public double? Sigma { get; init; }

    /// <summary>Further facts, for people (<c>3 % completed</c>); null when none.</summary>
    public string? Detail { get; init; }

    /// <summary>The evidence in one line: <c>312 distinct destination ports in 10 s (threshold 100)</c>.</summary>
    public string Describe()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Number(Observed)} {Measure} in {DurationText(Window)}");
        text += BaselineMean is { } mean
            ? string.Create(CultureInfo.InvariantCulture, $" (baseline {Number(mean)} ± {Number(BaselineDeviation ?? 0)}, alarm above {Number(Threshold)} = {Number(Sigma ?? 0)} sigma)")
            : string.Create(CultureInfo.InvariantCulture, $" (threshold {Number(Threshold)})");
        if (Subject is not null)
            text += $" against {Subject}";
        if (Detail is not null)
            text += $"; {Detail}";
        return text;
    }

    /// <summary>The evidence as EVE <c>alert.metadata</c> pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToMetadata()
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("rustids_detector", Signature.Kind.ToString()),
            new("rustids_measure", Measure),
            new("rustids_observed", Number(Observed)),
            new("rustids_threshold", Number(Threshold)),
            new("rustids_window_seconds", Number(Window.TotalSeconds)),
        };
        if (BaselineMean is { } mean)
        {
            pairs.Add(new("rustids_baseline_mean", Number(mean)));
            pairs.Add(new("rustids_baseline_deviation", Number(BaselineDeviation ?? 0)));
            pairs.Add(new("rustids_sigma", Number(Sigma ?? 0)));
        }
        if (Subject is not null)
            pairs.Add(new("rustids_subject", Subject));
        return pairs;
    }

    private static string Number(double value) =>
        Math.Abs(value - Math.Round(value)) < 0.005 ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string DurationText(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? $"{window.TotalHours:0} h"
        : window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes) ? $"{window.TotalMinutes:0} min"
        : string.Create(CultureInfo.InvariantCulture, $"{Number(window.TotalSeconds)} s");
}
