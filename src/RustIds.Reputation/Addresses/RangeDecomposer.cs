using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>Splits an inclusive address range into the fewest CIDR networks that cover exactly it.</summary>
/// <remarks>Used to write sets to prefix-only firewalls and to read DShield's Start–End rows.</remarks>
internal static class RangeDecomposer
{
    /// <summary>The networks covering <paramref name="start"/>–<paramref name="end"/> ascending; <paramref name="bits"/> is 32 or 128.</summary>
    public static IEnumerable<Cidr> Decompose(UInt128 start, UInt128 end, int bits)
    {
        while (true)
        {
            var size = LargestBlock(start, end, bits);
            var address = bits == 32 ? IpAddr.FromV4((uint)start) : IpAddr.FromV6((ulong)(start >> 64), (ulong)start);
            yield return new Cidr(address, bits - size);
            var last = start + BlockMask(size);
            if (last >= end)
                yield break;
            start = last + 1;
        }
    }

    /// <summary>Number of networks <see cref="Decompose"/> would give, without allocating.</summary>
    public static int Count(UInt128 start, UInt128 end, int bits)
    {
        var count = 0;
        while (true)
        {
            count++;
            var last = start + BlockMask(LargestBlock(start, end, bits));
            if (last >= end)
                return count;
            start = last + 1;
        }
    }

    // The host-bit count of the largest block aligned at start that does not pass end.
    private static int LargestBlock(UInt128 start, UInt128 end, int bits)
    {
        var size = start == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(start));
        while (size > 0 && BlockMask(size) > end - start)
            size--;
        return size;
    }

    private static UInt128 BlockMask(int size) => size == 128 ? UInt128.MaxValue : (UInt128.One << size) - 1;
}
