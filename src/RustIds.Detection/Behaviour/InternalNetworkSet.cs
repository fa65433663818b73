using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>The networks that are ours (<see cref="DetectorOptions.InternalNetworks"/>): a handful of prefixes, checked in order.</summary>
public sealed class InternalNetworkSet
{
    private readonly (IpAddr Network, int Length)[] _prefixes;

    /// <param name="prefixes">Prefixes such as <c>10.0.0.0/8</c>; validated by <see cref="DetectorOptions.Validate"/>, invalid ones are skipped.</param>
    public InternalNetworkSet(IEnumerable<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var parsed = new List<(IpAddr, int)>();
        foreach (var text in prefixes)
        {
            if (TryParsePrefix(text, out var network, out var length))
                parsed.Add((network, length));
        }
        _prefixes = [.. parsed];
    }

    public bool Contains(IpAddr address)
    {
        foreach (var (network, length) in _prefixes)
        {
            if (network.Family == address.Family && address.IsInPrefix(network, length))
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
}
