using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>A network in CIDR notation; host bits are always cleared (<c>10.1.2.3/8</c> becomes <c>10.0.0.0/8</c>).</summary>
public readonly struct Cidr : IEquatable<Cidr>
{
    /// <summary>Creates the network containing <paramref name="address"/>/<paramref name="prefixLength"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The prefix is negative or longer than the family's bit length, or the family is unspecified.</exception>
    public Cidr(IpAddr address, int prefixLength)
    {
        if (!address.IsV4 && !address.IsV6)
            throw new ArgumentOutOfRangeException(nameof(address), "The address has no family.");
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, address.BitLength);
        Network = Normalize(address, prefixLength);
        PrefixLength = prefixLength;
    }

    /// <summary>The first address of the network.</summary>
    public IpAddr Network { get; }

    /// <summary>Prefix length in bits: 0–32 for IPv4, 0–128 for IPv6.</summary>
    public int PrefixLength { get; }

    /// <summary>First address as an integer (IPv4 addresses in the low 32 bits).</summary>
    internal UInt128 First => new(Network.High, Network.Low);

    /// <summary>Last address as an integer (IPv4 addresses in the low 32 bits).</summary>
    internal UInt128 Last => First | (Network.IsV4
        ? (PrefixLength == 32 ? 0 : (UInt128)(uint.MaxValue >> PrefixLength))
        : (PrefixLength == 128 ? UInt128.Zero : UInt128.MaxValue >> PrefixLength));

    /// <summary>Parses <c>address/prefix</c> or a bare address (a /32 or /128).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!addressText.Contains(':') && !IsDottedQuad(addressText))
            return false;
        if (!IpAddr.TryParse(addressText, out var address))
            return false;
        var prefix = address.BitLength;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || prefixText.ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(prefixText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
                || prefix > address.BitLength)
                return false;
        }
        cidr = new Cidr(address, prefix);
        return true;
    }

    /// <summary>A single address as a host-length network (/32 or /128).</summary>
    public static Cidr Single(IpAddr address) => new(address, address.BitLength);

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an address or CIDR network.");

    /// <summary>True when <paramref name="address"/> lies inside this network.</summary>
    public bool Contains(IpAddr address) => address.IsInPrefix(Network, PrefixLength);

    public bool Equals(Cidr other) => Network == other.Network && PrefixLength == other.PrefixLength;

    public override bool Equals(object? obj) => obj is Cidr other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Network, PrefixLength);

    public override string ToString() => $"{Network}/{PrefixLength}";

    public static bool operator ==(Cidr left, Cidr right) => left.Equals(right);

    public static bool operator !=(Cidr left, Cidr right) => !left.Equals(right);

    // IPAddress.TryParse also takes inet_aton forms ("10.0.0" = 10.0.0.0, "10" = 0.0.0.10, hex);
    // in a feed those are typos, not addresses, so IPv4 must be four decimal parts.
    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (++parts > 4 || part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9'))
                return false;
        }
        return parts == 4;
    }

    private static IpAddr Normalize(IpAddr address, int prefixLength)
    {
        if (address.IsV4)
            return IpAddr.FromV4(prefixLength == 0 ? 0 : address.V4Value & (uint.MaxValue << (32 - prefixLength)));
        var value = new UInt128(address.High, address.Low);
        var masked = prefixLength == 0 ? UInt128.Zero : value & (UInt128.MaxValue << (128 - prefixLength));
        return IpAddr.FromV6((ulong)(masked >> 64), (ulong)masked);
    }
}
