using RustIds.Packets;
using System.Runtime.CompilerServices;

namespace RustIds.Detection.Behaviour;

/// <summary>The networks that are ours (<see cref="DetectorOptions.InternalNetworks"/>): a handful of prefixes, checked in order.</summary>
public sealed class InternalNetworkSet
{
    private readonly Prefix[] _prefixes;

    /// <param name="prefixes">Prefixes such as <c>10.0.0.0/8</c>; validated by <see cref="DetectorOptions.Validate"/>, invalid ones are skipped.</param>
    public InternalNetworkSet(IEnumerable<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var parsed = new List<Prefix>();
        foreach (var text in prefixes)
        {
            if (TryParsePrefix(text, out var network, out var length))
                parsed.Add(Prefix.Of(network, length));
        }
        _prefixes = [.. parsed];
    }

    /// <remarks>Checked at every flow's end and again at its credit: two masks and compares per prefix, no call.</remarks>
    public bool Contains(IpAddr address)
    {
        foreach (ref readonly var prefix in _prefixes.AsSpan())
        {
            if (prefix.Holds(in address))
                return true;
        }
        return false;
    }

    /// <summary>Reads <c>ADDRESS/LENGTH</c> (or a bare address as a host prefix).</summary>
    public static bool TryParsePrefix(string? text, out IpAddr network, out int length)
    {
        network = default;
        length = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IpAddr.TryParse(slash < 0 ? text.AsSpan().Trim() : text.AsSpan(0, slash).Trim(), out network))
            return false;
        if (slash < 0)
        {
            length = network.BitLength;
            return true;
        }
        return int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length)
            && length >= 0 && length <= network.BitLength;
    }

    /// <summary>A prefix as masks over <see cref="IpAddr.High"/> and <see cref="IpAddr.Low"/>, and the masked network they must give.</summary>
    private readonly record struct Prefix(System.Net.Sockets.AddressFamily Family, ulong HighMask, ulong LowMask, ulong High, ulong Low)
    {
        public static Prefix Of(IpAddr network, int length)
        {
            var (highMask, lowMask) = network.PrefixMasks(length);
            return new Prefix(network.Family, highMask, lowMask, network.High & highMask, network.Low & lowMask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Holds(in IpAddr address) =>
            address.Family == Family && (address.High & HighMask) == High && (address.Low & LowMask) == Low;
    }
}
