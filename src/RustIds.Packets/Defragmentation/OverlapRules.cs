namespace RustIds.Packets.Defragmentation;

/// <summary>Decides, per <see cref="DefragPolicy"/>, whether a new fragment's bytes replace held bytes it overlaps.</summary>
/// <remarks>
/// Rules are stated on the two fragments' original extents (start inclusive, end exclusive), so the outcome does
/// not depend on how earlier overlaps trimmed the held fragment. With them, the Sturges/Novak overlap pattern that
/// Suricata's unit tests use reassembles to the same bytes as Suricata for every policy.
/// </remarks>
internal static class OverlapRules
{
    public static bool NewWins(DefragPolicy policy, int newStart, int newEnd, int heldStart, int heldEnd) => policy switch
    {
        DefragPolicy.First => false,
        DefragPolicy.Last => true,
        DefragPolicy.Bsd => newStart < heldStart,
        DefragPolicy.Linux => newStart <= heldStart,
        DefragPolicy.Windows => newStart < heldStart && newEnd > heldEnd,
        DefragPolicy.Solaris => newStart < heldStart && newEnd >= heldEnd,
        _ => false,
    };
}
