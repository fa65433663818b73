namespace RustIds.Detection.Behaviour;

/// <summary>Exponentially weighted mean and variance of one measure (West's incremental form).</summary>
public struct Ewma
{
    public double Mean { readonly get; private set; }

    public double Variance { readonly get; private set; }

    /// <summary>Observations folded in so far (the warm-up counts these).</summary>
    public int Observations { readonly get; private set; }

    /// <param name="value">This interval's value.</param>
    /// <param name="alpha">Weight of the newest value, 0 &lt; alpha ≤ 1.</param>
    public void Observe(double value, double alpha)
    {
        if (Observations++ == 0)
        {
            Mean = value;
            return;
        }
        var delta = value - Mean;
        Mean += alpha * delta;
        Variance = (1 - alpha) * (Variance + alpha * delta * delta);
    }

    /// <summary>The standard deviation, floored at a share of the mean and at one unit, so a flat baseline does not alarm on noise.</summary>
    public readonly double Deviation(double floorShareOfMean) =>
        Math.Max(Math.Max(Math.Sqrt(Variance), floorShareOfMean * Mean), 1);
}
