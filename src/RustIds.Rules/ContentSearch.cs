using System.Runtime.CompilerServices;

namespace RustIds.Rules;

/// <summary>Allocation-free substring search, case-sensitive or ASCII case-insensitive.</summary>
internal static class ContentSearch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte FoldByte(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    /// <summary>First index of <paramref name="content"/>'s pattern in <paramref name="haystack"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> haystack, ContentMatch content) =>
        content.NoCase ? IndexOfFolded(haystack, content.FoldedPattern) : haystack.IndexOf(content.Pattern);

    /// <summary>Case-insensitive search for an already lower-cased needle.</summary>
    public static int IndexOfFolded(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> folded)
    {
        if (folded.IsEmpty)
            return 0;
        var first = folded[0];
        var upper = (uint)(first - 'a') <= 'z' - 'a' ? (byte)(first & 0xDF) : first;
        var last = haystack.Length - folded.Length;
        var position = 0;
        while (position <= last)
        {
            var window = haystack.Slice(position, last - position + 1);
            var hit = upper == first ? window.IndexOf(first) : window.IndexOfAny(first, upper);
            if (hit < 0)
                return -1;
            position += hit;
            if (EqualsFolded(haystack.Slice(position + 1, folded.Length - 1), folded[1..]))
                return position;
            position++;
        }
        return -1;
    }

    private static bool EqualsFolded(ReadOnlySpan<byte> candidate, ReadOnlySpan<byte> folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            if (FoldByte(candidate[i]) != folded[i])
                return false;
        }
        return true;
    }
}
