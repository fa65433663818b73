using System.Globalization;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>An address prefix such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>; a bare address is a /32 or /128.</summary>
/// <param name="Network">The network address.</param>
/// <param name="PrefixLength">Prefix length in bits (0-32 for IPv4, 0-128 for IPv6).</param>
public readonly record struct CidrRange(IpAddr Network, int PrefixLength)
{
    /// <summary>A single address as a host-length prefix.</summary>
    public static CidrRange Single(IpAddr address) => new(address, address.BitLength);

    /// <summary>True when <paramref name="address"/> lies in this range.</summary>
    public bool Contains(IpAddr address) => address.IsInPrefix(Network, PrefixLength);

    /// <summary>Parses <c>ADDR</c> or <c>ADDR/LEN</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out CidrRange range, out string error)
    {
        range = default;
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "empty entry";
            return false;
        }
        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        if (!IpAddr.TryParse(addressPart, out var network))
        {
            error = $"'{addressPart}' is not an IP address";
            return false;
        }
        var length = network.BitLength;
        if (slash >= 0 && (!int.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length)
            || length > network.BitLength))
        {
            error = $"'{span[(slash + 1)..]}' is not a prefix length between 0 and {network.BitLength}";
            return false;
        }
        range = new CidrRange(network, length);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => PrefixLength == Network.BitLength
        ? Network.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");
}
