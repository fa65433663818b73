namespace RustIds.Reputation.Scoring;

/// <summary>Weights and thresholds of <see cref="ReputationScorer"/>. Scores are points on a 0–100 scale.</summary>
public sealed class ScoringOptions
{
    /// <summary>Score at or above which an address is blocked. Points; default 60.</summary>
    /// <remarks>60 = one priority-1 rule alone, or a priority-2 rule plus a blocklist listing: one strong or two independent signals.</remarks>
    public int BlockThreshold { get; set; } = 60;

    /// <summary>Score at or above which a verdict is worth telling someone. Points; default 20.</summary>
    /// <remarks>20 = one priority-3 rule: noticeable, not yet worth a firewall change.</remarks>
    public int AlertThreshold { get; set; } = 20;

    /// <summary>Score at or above which (and below <see cref="BlockThreshold"/>) the address is rate-limited; null (default) turns rate limiting off.</summary>
    /// <remarks>Off by default: a rate limit is a softer block, and where to put it between "tell someone" and "block" is the operator's call. 40 is a sensible value.</remarks>
    public int? RateLimitThreshold { get; set; }

    /// <summary>Points for the highest-priority alert when it is priority 1. Default 60 (blocks on its own).</summary>
    public int Severity1Points { get; set; } = 60;

    /// <summary>Points for the highest-priority alert when it is priority 2. Default 40 (needs one more signal to block).</summary>
    public int Severity2Points { get; set; } = 40;

    /// <summary>Points for the highest-priority alert when it is priority 3. Default 20 (alert only).</summary>
    public int Severity3Points { get; set; } = 20;

    /// <summary>Points for the highest-priority alert when it is priority 4. Default 10 (record only).</summary>
    public int Severity4Points { get; set; } = 10;

    /// <summary>Points per additional distinct sid in the batch. Default 5: breadth of attack adds a little.</summary>
    public int ExtraSidPoints { get; set; } = 5;

    /// <summary>Cap on the extra-sid points. Default 20, so a noisy low-priority scan cannot block by volume alone.</summary>
    public int ExtraSidPointsCap { get; set; } = 20;

    /// <summary>Points for the first blocklist listing the address. Default 40.</summary>
    /// <remarks>Feeds have false positives (Feodo once listed 8.8.8.8), so a listing alone does not block.</remarks>
    public int BlocklistPoints { get; set; } = 40;

    /// <summary>Points for each further listing blocklist. Default 10: feeds overlap, so agreement is weak evidence.</summary>
    public int ExtraBlocklistPoints { get; set; } = 10;

    /// <summary>Cap on the points from further listings. Default 20.</summary>
    public int ExtraBlocklistPointsCap { get; set; } = 20;

    /// <summary>Points by ISO 3166 country code (case-insensitive); may be negative. Default empty.</summary>
    /// <remarks>Empty by default: geography is a policy choice of the operator, not a fact about the address.</remarks>
    public IDictionary<string, int> CountryWeights { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Points by autonomous system number; may be negative. Default empty.</summary>
    public IDictionary<uint, int> AsnWeights { get; set; } = new Dictionary<uint, int>();

    /// <summary>Countries whose addresses are blocked on any alert, whatever the score (geo-blocking). Default empty.</summary>
    public ISet<string> DenyCountries { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Countries whose addresses are never blocked or rate-limited by score (at most an alert); a drop rule still blocks. Default empty.</summary>
    public ISet<string> AllowCountries { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Autonomous systems blocked on any alert, whatever the score. Default empty.</summary>
    public ISet<uint> DenyAsns { get; set; } = new HashSet<uint>();

    /// <summary>Autonomous systems never blocked or rate-limited by score. Default empty.</summary>
    public ISet<uint> AllowAsns { get; set; } = new HashSet<uint>();

    /// <summary>Points per earlier block of the same address, at full weight (a block decided just now). Default 10: repeat offenders need less new evidence.</summary>
    public int HistoryPointsPerPriorBlock { get; set; } = 10;

    /// <summary>Half-life of an earlier block's history points. Default 7 days: last week's offence counts half, last month's a sixteenth.</summary>
    public TimeSpan HistoryHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Earlier blocks inside this window make an address a repeat offender and raise its escalation level. Default 30 days.</summary>
    public TimeSpan RecidivismWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Block durations by escalation level (level 0 = first offence); levels past the end use the last step.
    /// Empty (default): <see cref="BaseBlockDuration"/> doubled per level, capped at <see cref="MaxBlockDuration"/>.
    /// </summary>
    public IList<TimeSpan> BlockDurationLadder { get; set; } = [];

    /// <summary>Cap on history points. Default 30, below the block threshold, so history alone never blocks.</summary>
    public int HistoryPointsCap { get; set; } = 30;

    /// <summary>Block duration for a first offence. Default 1 hour: long enough to stop an attack, short enough for a false positive to heal.</summary>
    public TimeSpan BaseBlockDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound of the escalating duration (doubling per prior block). Default 7 days.</summary>
    /// <remarks>Addresses get reassigned; a permanent block on a dynamic address hurts its next owner.</remarks>
    public TimeSpan MaxBlockDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BlockThreshold is < 1 or > 100)
            errors.Add($"BlockThreshold must be 1–100 points (was {BlockThreshold}).");
        if (AlertThreshold < 0 || AlertThreshold > BlockThreshold)
            errors.Add($"AlertThreshold must be 0–BlockThreshold points (was {AlertThreshold}).");
        if (RateLimitThreshold is { } rateLimit && (rateLimit < AlertThreshold || rateLimit > BlockThreshold))
            errors.Add($"RateLimitThreshold must lie between AlertThreshold and BlockThreshold (was {rateLimit}).");
        if (Severity1Points < 0 || Severity2Points < 0 || Severity3Points < 0 || Severity4Points < 0)
            errors.Add("Severity points must not be negative.");
        if (ExtraSidPoints < 0 || ExtraSidPointsCap < 0 || BlocklistPoints < 0 || ExtraBlocklistPoints < 0 || ExtraBlocklistPointsCap < 0)
            errors.Add("Rule and blocklist points and caps must not be negative.");
        if (HistoryPointsPerPriorBlock < 0 || HistoryPointsCap < 0)
            errors.Add("History points and cap must not be negative.");
        if (BaseBlockDuration <= TimeSpan.Zero)
            errors.Add($"BaseBlockDuration must be positive (was {BaseBlockDuration}).");
        if (MaxBlockDuration < BaseBlockDuration)
            errors.Add($"MaxBlockDuration ({MaxBlockDuration}) must be at least BaseBlockDuration ({BaseBlockDuration}).");
        if (HistoryHalfLife <= TimeSpan.Zero)
            errors.Add($"HistoryHalfLife must be positive (was {HistoryHalfLife}).");
        if (RecidivismWindow <= TimeSpan.Zero)
            errors.Add($"RecidivismWindow must be positive (was {RecidivismWindow}).");
        for (var i = 0; i < BlockDurationLadder.Count; i++)
        {
            if (BlockDurationLadder[i] <= TimeSpan.Zero || BlockDurationLadder[i] > MaxBlockDuration)
                errors.Add($"BlockDurationLadder step {i} must be positive and at most MaxBlockDuration (was {BlockDurationLadder[i]}).");
            else if (i > 0 && BlockDurationLadder[i] < BlockDurationLadder[i - 1])
                errors.Add($"BlockDurationLadder step {i} ({BlockDurationLadder[i]}) is shorter than step {i - 1}: a repeat offence must not shorten the block.");
        }
        foreach (var code in CountryWeights.Keys.Concat(DenyCountries).Concat(AllowCountries))
        {
            if (code.Length != 2 || !char.IsAsciiLetter(code[0]) || !char.IsAsciiLetter(code[1]))
                errors.Add($"Country '{code}' (in CountryWeights, DenyCountries or AllowCountries) is not a two-letter ISO 3166 code.");
        }
        return errors;
    }
}
