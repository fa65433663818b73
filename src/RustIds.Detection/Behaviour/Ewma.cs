using System.Runtime.InteropServices;

namespace RustIds.Detection.Behaviour;

/// <summary>Exponentially weighted mean and variance of one measure (West's incremental form).</summary>
/// <remarks>
/// Packed to 20 bytes so that a <see cref="MetricBaseline"/> keeps its streak in what was padding and is 32 bytes: a host's
/// four baselines then fill two cache lines, not three.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
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

    /// <summary>Folds in <paramref name="count"/> zeros at once: what <paramref name="count"/> calls of <c>Observe(0, alpha)</c> give, up to rounding.</summary>
    /// <param name="count">Zeros to learn.</param>
    /// <param name="decay">(1 − alpha)<sup>count</sup>, from <see cref="ZerosDecay"/> (one power for all of a host's measures).</param>
    /// <remarks>
    /// A host back from a long silence learns every quiet interval as zero; one at a time that was up to 64 steps per measure.
    /// With β = 1 − α, k zeros scale the mean by βᵏ and take the variance to βᵏ·(V + M²·(1 − βᵏ)) (the sum of the
    /// geometric series of the squared, shrinking deltas). A fresh baseline's first zero sets the mean to zero, which it already is.
    /// </remarks>
    public void ObserveZeros(int count, double decay)
    {
        if (count <= 0)
            return;
        Variance = decay * (Variance + Mean * Mean * (1 - decay));
        Mean *= decay;
        Observations += count;
    }

    /// <summary>The factor <see cref="ObserveZeros"/> scales by: (1 − <paramref name="alpha"/>)<sup><paramref name="count"/></sup>.</summary>
    public static double ZerosDecay(double alpha, int count) => Math.Pow(1 - alpha, count);

    /// <summary>The standard deviation, floored at a share of the mean and at one unit, so a flat baseline does not alarm on noise.</summary>
    public readonly double Deviation(double floorShareOfMean) =>
        Math.Max(Math.Max(Math.Sqrt(Variance), floorShareOfMean * Mean), 1);
}
