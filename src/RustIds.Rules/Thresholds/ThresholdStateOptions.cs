namespace RustIds.Rules.Thresholds;

/// <summary>Limits of one worker's <see cref="ThresholdState"/>.</summary>
/// <remarks>
/// The table is preallocated at construction: about 96 bytes per entry, so the default costs about 9.6 MB per worker
/// (plus 4 bytes per hash bucket). Suricata bounds the same state with its host/ippair memcaps.
/// </remarks>
public sealed record ThresholdStateOptions
{
    /// <summary>Default options.</summary>
    public static ThresholdStateOptions Default { get; } = new();

    /// <summary>Most tracking entries (distinct rule/filter/key combinations) kept at once (default 100,000).</summary>
    /// <remarks>When full, an expired entry among the oldest is reused; if none has expired, the oldest is evicted and counted.</remarks>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>How many of the least recently used entries are checked for an expired one before a live entry is evicted (default 16).</summary>
    /// <remarks>Bounds the work of one insertion into a full table; the oldest entries are the likeliest to have expired.</remarks>
    public int EvictionScanLimit { get; init; } = 16;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxEntries is < 1 or > 16_777_216)
            problems.Add($"{nameof(MaxEntries)} must be between 1 and 16,777,216 (was {MaxEntries}).");
        if (EvictionScanLimit is < 1 or > 4096)
            problems.Add($"{nameof(EvictionScanLimit)} must be between 1 and 4096 (was {EvictionScanLimit}).");
        return problems;
    }
}
