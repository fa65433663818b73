using System.Numerics;
using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// How many distinct values (ports, hosts, names) were seen, in 32 bytes: linear counting over a
/// 256-bit bitmap. Unbiased, each estimate within a fifth up to a few hundred values (tested), and it never grows.
/// </summary>
public struct DistinctSketch
{
    private const int Bits = 256;
    private Bitmap _bits;

    /// <summary>Records a value by its hash (use <see cref="KeyHash"/>; small integers must be mixed first).</summary>
    public void Add(ulong hash)
    {
        var bit = (int)(hash & (Bits - 1));
        _bits[bit >> 6] |= 1UL << (bit & 63);
    }

    public void Clear() => _bits = default;

    /// <summary>Bits set: compare with <see cref="BitsFor"/> of a threshold without a logarithm per event.</summary>
    public readonly int SetBits =>
        BitOperations.PopCount(_bits[0]) + BitOperations.PopCount(_bits[1]) + BitOperations.PopCount(_bits[2]) + BitOperations.PopCount(_bits[3]);

    /// <summary>The estimated number of distinct values; about 1,400 once saturated.</summary>
    public readonly int Estimate() => Estimates[SetBits];

    /// <summary>The estimate for each number of set bits, computed once (a logarithm per closed interval was most of closing one).</summary>
    private static readonly int[] Estimates = Enumerable.Range(0, Bits + 1)
        .Select(set => (int)Math.Round(Bits * Math.Log(Bits / (double)Math.Max(Bits - set, 1)))).ToArray();

    /// <summary>The set bits at which <see cref="Estimate"/> reaches <paramref name="distinct"/>.</summary>
    public static int BitsFor(int distinct) =>
        Math.Clamp((int)Math.Ceiling(Bits * (1 - Math.Exp(-distinct / (double)Bits)) - 1e-9), 1, Bits);

    [InlineArray(4)]
    private struct Bitmap
    {
        private ulong _word;
    }
}
