using RustIds.Packets;

namespace RustIds.Reputation.Addresses;

/// <summary>Allocation-free parser for the address and CIDR text found in feeds.</summary>
/// <remarks>
/// <see cref="IpAddr.TryParse"/> goes through <see cref="System.Net.IPAddress"/>, which allocates an
/// object per address; a million-line feed made that the largest cost of a load. This parser reads
/// the span directly. It is stricter than <see cref="System.Net.IPAddress"/> on purpose:
/// IPv4 is exactly four decimal parts without leading zeros (<c>010</c> is octal to inet_aton and
/// decimal to most people, so a feed that writes it is ambiguous), IPv6 has no zone (<c>%eth0</c>)
/// or brackets. IPv4-mapped IPv6 text (<c>::ffff:1.2.3.4</c>) stays IPv6, so the reserved-range
/// check can see and refuse it instead of silently turning it into an IPv4 entry.
/// </remarks>
internal static class AddressText
{
    /// <summary>Parses an IPv4 or IPv6 address without a prefix.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IpAddr address)
    {
        address = default;
        if (text.Contains(':'))
        {
            if (!TryParseV6(text, out var v6))
                return false;
            address = IpAddr.FromV6((ulong)(v6 >> 64), (ulong)v6);
            return true;
        }
        if (!TryParseV4(text, out var v4))
            return false;
        address = IpAddr.FromV4(v4);
        return true;
    }

    /// <summary>Parses <c>address/prefix</c> or a bare address (a host network); host bits are cleared.</summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/');
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out var address))
            return false;
        var prefix = address.BitLength;
        if (slash >= 0 && !TryParsePrefix(text[(slash + 1)..], address.BitLength, out prefix))
            return false;
        cidr = new Cidr(address, prefix);
        return true;
    }

    /// <summary>Parses a prefix length of 1–3 decimal digits, at most <paramref name="bitLength"/>.</summary>
    public static bool TryParsePrefix(ReadOnlySpan<char> text, int bitLength, out int prefix)
    {
        prefix = 0;
        if (text.Length is 0 or > 3)
            return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
            prefix = (prefix * 10) + (c - '0');
        }
        return prefix <= bitLength;
    }

    /// <summary>Parses a dotted quad: four parts of 1–3 decimal digits, each at most 255, no leading zeros.</summary>
    public static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var part = 0;
            while (i < text.Length && i - start < 4 && text[i] is >= '0' and <= '9')
            {
                part = (part * 10) + (text[i] - '0');
                i++;
            }
            var length = i - start;
            if (length is 0 or > 3 || part > 255 || (length > 1 && text[start] == '0'))
                return false;
            value = (value << 8) | (uint)part;
            if (++parts == 4)
                return i == text.Length;
            if (i >= text.Length || text[i] != '.')
                return false;
            i++;
        }
    }

    /// <summary>Parses RFC 4291 section 2.2 text: eight hex groups, one <c>::</c>, an optional dotted-quad tail.</summary>
    public static bool TryParseV6(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = UInt128.Zero;
        Span<ushort> groups = stackalloc ushort[8];
        int count = 0, gap = -1, i = 0;
        if (text.Length < 2)
            return false;
        if (text[0] == ':')
        {
            if (text[1] != ':')
                return false;
            gap = 0;
            i = 2;
        }
        while (i < text.Length)
        {
            var start = i;
            var group = 0;
            while (i < text.Length && i - start < 5 && char.IsAsciiHexDigit(text[i]))
            {
                group = (group << 4) | HexValue(text[i]);
                i++;
            }
            if (i < text.Length && text[i] == '.')
            {
                // Embedded IPv4 (::ffff:1.2.3.4, 64:ff9b::1.2.3.4): the last 32 bits, to the end of the text.
                if (count > 6 || !TryParseV4(text[start..], out var v4))
                    return false;
                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = text.Length;
                break;
            }
            if (i == start || i - start > 4 || count == 8)
                return false;
            groups[count++] = (ushort)group;
            if (i == text.Length)
                break;
            if (text[i] != ':')
                return false;
            i++;
            if (i < text.Length && text[i] == ':')
            {
                if (gap >= 0)
                    return false;
                gap = count;
                i++;
            }
            else if (i == text.Length)
            {
                return false;
            }
        }
        if (gap < 0 ? count != 8 : count > 7)
            return false;
        var tail = gap < 0 ? 0 : count - gap;
        for (var g = 0; g < count; g++)
        {
            var position = gap < 0 || g < gap ? g : 8 - tail + (g - gap);
            value |= (UInt128)groups[g] << (16 * (7 - position));
        }
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
