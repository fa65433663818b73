namespace RustIds.Detection.Behaviour;

/// <summary>The quiet intervals a baseline learns as zeros when its key comes back after a silence, and their decay.</summary>
/// <remarks>
/// At most <see cref="Max"/> are learned (a longer silence counts as that many), and the decay (1 − α)<sup>k</sup> of
/// each count comes from a table computed once, with the same expression <see cref="Ewma.ZerosDecay"/> uses, so a key
/// back from a silence costs no power.
/// </remarks>
internal sealed class QuietIntervals
{
    /// <summary>Quiet intervals learned as zeros at most.</summary>
    public const int Max = 64;

    private readonly double[] _decays = new double[Max + 1];

    /// <param name="alpha">The baselines' learning rate.</param>
    public QuietIntervals(double alpha)
    {
        for (var count = 0; count <= Max; count++)
            _decays[count] = Ewma.ZerosDecay(alpha, count);
    }

    /// <summary>The quiet intervals between the last one a key was seen in and <paramref name="interval"/>, capped at <see cref="Max"/>.</summary>
    public static int Between(long lastInterval, long interval) => (int)Math.Min(interval - lastInterval - 1, Max);

    /// <summary>The factor <see cref="Ewma.ObserveZeros"/> scales by for <paramref name="count"/> (0 to <see cref="Max"/>) zeros.</summary>
    public double Decay(int count) => _decays[count];
}
