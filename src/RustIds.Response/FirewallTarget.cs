using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>Parsing and formatting of block targets: an address or a CIDR prefix.</summary>
public static class FirewallTarget
{
    /// <summary>A bare address for host-length prefixes, <c>network/length</c> otherwise.</summary>
    public static string Format(Cidr target) =>
        target.PrefixLength == target.Network.BitLength ? target.Network.ToString() : target.ToString();

    /// <summary>True when <paramref name="target"/> is one address.</summary>
    public static bool IsSingleAddress(Cidr target) => target.PrefixLength == target.Network.BitLength;

    /// <summary>Parses <c>ADDR</c> or <c>ADDR/LEN</c>; refuses /0 and host bits set (<c>10.0.0.1/8</c> is a typo more often than not).</summary>
    public static bool TryParse(string text, out Cidr target, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        target = default;
        if (!Cidr.TryParse(text.AsSpan().Trim(), out var parsed))
        {
            error = $"'{text}' is not an IP address or CIDR prefix";
            return false;
        }
        if (parsed.PrefixLength == 0)
        {
            error = $"'{text}' covers a whole address family; refusing";
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && IpAddr.TryParse(text.AsSpan(0, slash).Trim(), out var given) && given != parsed.Network)
        {
            error = $"'{text}' has host bits set; did you mean {parsed}?";
            return false;
        }
        target = parsed;
        error = string.Empty;
        return true;
    }
}
