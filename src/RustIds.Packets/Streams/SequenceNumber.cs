namespace RustIds.Packets.Streams;

/// <summary>Serial-number arithmetic on 32-bit TCP sequence numbers.</summary>
/// <remarks>
/// RFC 1982 §3.2 and RFC 9293 §3.4: sequence numbers wrap at 2^32, so "a comes before b" means the
/// signed 32-bit difference is negative. Only meaningful for numbers less than 2^31 apart, which the
/// reassembler guarantees by bounding every window it tracks to 2^30.
/// </remarks>
internal static class SequenceNumber
{
    /// <summary>Largest distance ahead of the next expected byte that is ever tracked (2^30).</summary>
    public const uint MaxTrackedDistance = 1u << 30;

    public static bool Lt(uint a, uint b) => (int)(a - b) < 0;

    public static bool Leq(uint a, uint b) => (int)(a - b) <= 0;

    public static bool Gt(uint a, uint b) => (int)(a - b) > 0;

    public static bool Geq(uint a, uint b) => (int)(a - b) >= 0;

    public static uint Max(uint a, uint b) => Gt(a, b) ? a : b;

    public static uint Min(uint a, uint b) => Lt(a, b) ? a : b;
}
