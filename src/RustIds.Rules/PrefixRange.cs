using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>Addresses as 128-bit numbers and prefixes as inclusive ranges of them, for the range sets and address indexes.</summary>
/// <remarks>IPv4 and IPv6 share the number line; callers keep the two families apart.</remarks>
internal static class PrefixRange
{
    /// <summary>The address as a number (IPv4 in the low 32 bits).</summary>
    public static UInt128 Key(IpAddr address) => address.IsV6 ? new UInt128(address.High, address.Low) : address.V4Value;

    /// <summary>First and last address of <paramref name="network"/>/<paramref name="length"/>.</summary>
    public static (UInt128 Start, UInt128 End) Bounds(IpAddr network, int length)
    {
        var hostBits = network.BitLength - length;
        var size = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var start = Key(network) & ~size;
        return (start, start + size);
    }
}
