namespace RustIds.Detection.Behaviour;

/// <summary>How a <see cref="MetricBaseline"/> judges: intervals of warm-up, sigma, the floor below which values are never anomalous, and the learning rate.</summary>
public readonly record struct BaselineRule(int WarmupIntervals, double Sigma, double Floor, double Alpha)
{
    /// <summary>The deviation is at least this share of the mean, so a nearly constant baseline does not alarm on small changes.</summary>
    public const double DeviationFloorShare = 0.1;
}
