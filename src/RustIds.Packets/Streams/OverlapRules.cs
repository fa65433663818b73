using static RustIds.Packets.Streams.SequenceNumber;

namespace RustIds.Packets.Streams;

/// <summary>Decides, per <see cref="OverlapPolicy"/>, whether a new segment's bytes replace buffered ones.</summary>
internal static class OverlapRules
{
    /// <summary>True when the new segment [<paramref name="newStart"/>, <paramref name="newEnd"/>) wins over the
    /// buffered segment originally received as [<paramref name="oldStart"/>, <paramref name="oldEnd"/>).</summary>
    public static bool NewWins(OverlapPolicy policy, uint newStart, uint newEnd, uint oldStart, uint oldEnd) => policy switch
    {
        OverlapPolicy.Last => true,
        OverlapPolicy.Bsd or OverlapPolicy.Windows => Lt(newStart, oldStart),
        OverlapPolicy.Linux => Lt(newStart, oldStart) || (newStart == oldStart && Gt(newEnd, oldEnd)),
        OverlapPolicy.Solaris => Gt(newEnd, oldEnd) || (Leq(newStart, oldStart) && newEnd == oldEnd),
        _ => false,
    };
}
