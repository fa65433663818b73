namespace RustIds.Reputation.Feeds;

/// <summary>How much a listing in one feed adds to a score: <c>Points × Quality × min(1, hits / FullWeightHits)</c>.</summary>
/// <param name="Points">Points of a full-weight listing, 0–100.</param>
/// <param name="Quality">The operator's trust in the feed, 0–1: the share of its listings that deserve a block.</param>
/// <param name="FullWeightHits">
/// Hits at which a listing counts fully. 1 for plain lists; for counted lists (IPsum: the number of source lists that
/// name the address) a higher value makes an address named by one list count a fraction.
/// </param>
public readonly record struct FeedWeight(int Points, double Quality, int FullWeightHits)
{
    /// <summary>40 points, quality 1, one hit: a listing alone does not block (feeds have false positives).</summary>
    public static FeedWeight Default { get; } = new(40, 1.0, 1);

    /// <summary>Points for an address the feed lists with <paramref name="hits"/> hits (0 when not listed).</summary>
    public int PointsFor(int hits)
    {
        if (hits <= 0)
            return 0;
        var scale = Math.Min(1.0, (double)hits / Math.Max(1, FullWeightHits));
        return (int)Math.Round(Points * Quality * scale, MidpointRounding.AwayFromZero);
    }

    /// <summary>Lists every invalid value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Points is < 0 or > 100)
            errors.Add($"Weight must be 0–100 points (was {Points}).");
        if (Quality is < 0 or > 1 || double.IsNaN(Quality))
            errors.Add($"Quality must be between 0 and 1 (was {Quality}).");
        if (FullWeightHits < 1)
            errors.Add($"FullWeightHits must be 1 or more (was {FullWeightHits}).");
        return errors;
    }
}
