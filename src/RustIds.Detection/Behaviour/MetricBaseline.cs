namespace RustIds.Detection.Behaviour;

/// <summary>One measure's baseline for one host or pair: its moving mean and variance, how long it has been anomalous, and its alert cooldown.</summary>
public struct MetricBaseline
{
    /// <summary>After this many anomalous intervals in a row the new level is learned (it has become normal).</summary>
    private const int LearnAfterStreak = 10;

    private Ewma _stats;

    public readonly Ewma Stats => _stats;

    /// <summary>Consecutive anomalous intervals.</summary>
    public int Streak { readonly get; private set; }

    internal long QuietUntil;

    /// <summary>Judges one closed interval's <paramref name="value"/> against the baseline, then learns it unless it was anomalous.</summary>
    /// <returns>True when the value is anomalous: the baseline has warmed up, the value is at or above the floor and above mean + sigma × deviation.</returns>
    public bool Judge(double value, BaselineRule rule, out double limit) => Judge(value, rule, out limit, out _, out _);

    /// <summary>As <see cref="Judge(double, BaselineRule, out double)"/>, also giving the mean and deviation it judged against (before learning the value), for the evidence.</summary>
    public bool Judge(double value, BaselineRule rule, out double limit, out double mean, out double deviation)
    {
        var warm = _stats.Observations >= rule.WarmupIntervals;
        mean = _stats.Mean;
        deviation = _stats.Deviation(BaselineRule.DeviationFloorShare);
        limit = mean + rule.Sigma * deviation;
        var anomalous = warm && value >= rule.Floor && value > limit;
        Streak = anomalous ? Streak + 1 : 0;
        // An anomaly is not learned, or a sustained one would raise its own bar before it is reported.
        if (!anomalous || Streak >= LearnAfterStreak)
            _stats.Observe(value, rule.Alpha);
        return anomalous;
    }

    /// <summary>Intervals without any traffic: each learned as zero (never anomalous).</summary>
    /// <param name="intervals">How many quiet intervals.</param>
    /// <param name="decay"><see cref="Ewma.ZerosDecay"/> of the rule's learning rate and <paramref name="intervals"/>.</param>
    public void JudgeQuiet(int intervals, double decay)
    {
        if (intervals <= 0)
            return;
        Streak = 0;
        _stats.ObserveZeros(intervals, decay);
    }
}
