using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace RustIds.Packets;

/// <summary>An IPv4 or IPv6 address as a 16-byte value plus family; no heap object per packet.</summary>
/// <remarks>
/// IPv4 addresses are stored in the low 4 bytes (network order) with the rest zero, so two
/// <see cref="ulong"/> halves compare and hash quickly. <see cref="IPAddress"/> only at the edges.
/// </remarks>
public readonly struct IpAddr : IEquatable<IpAddr>, IComparable<IpAddr>
{
    private readonly ulong _hi;
    private readonly ulong _lo;

    private IpAddr(ulong hi, ulong lo, AddressFamily family)
    {
        _hi = hi;
        _lo = lo;
        Family = family;
    }

    /// <summary>InterNetwork or InterNetworkV6; default(IpAddr) has Unspecified.</summary>
    public AddressFamily Family { get; }

    public bool IsV4 => Family == AddressFamily.InterNetwork;

    public bool IsV6 => Family == AddressFamily.InterNetworkV6;

    /// <summary>Bit width of the family: 32 or 128.</summary>
    public int BitLength => IsV4 ? 32 : 128;

    /// <summary>The IPv4 address as a host-order integer (only meaningful when <see cref="IsV4"/>).</summary>
    public uint V4Value => (uint)_lo;

    /// <summary>High 64 bits of an IPv6 address in host order.</summary>
    public ulong High => _hi;

    /// <summary>Low 64 bits of an IPv6 address (or the IPv4 value) in host order.</summary>
    public ulong Low => _lo;

    public static IpAddr FromV4(uint hostOrder) => new(0, hostOrder, AddressFamily.InterNetwork);

    public static IpAddr FromV6(ulong high, ulong low) => new(high, low, AddressFamily.InterNetworkV6);

    /// <summary>Reads 4 (IPv4) or 16 (IPv6) network-order bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IpAddr FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => FromV4(BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => FromV6(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..])),
        _ => throw new ArgumentException("An IP address has 4 or 16 bytes.", nameof(bytes)),
    };

    public static IpAddr FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        Span<byte> buffer = stackalloc byte[16];
        address.TryWriteBytes(buffer, out var written);
        return FromBytes(buffer[..written]);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out IpAddr address)
    {
        if (IPAddress.TryParse(text, out var parsed) && !text.Contains('/'))
        {
            address = FromIPAddress(parsed);
            return true;
        }
        address = default;
        return false;
    }

    public static IpAddr Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IP address.");

    /// <summary>Writes the network-order bytes; returns how many (4 or 16).</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (IsV4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_lo);
            return 4;
        }
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _lo);
        return 16;
    }

    /// <summary>True when this address lies in <paramref name="network"/>/<paramref name="prefixLength"/>.</summary>
    public bool IsInPrefix(IpAddr network, int prefixLength)
    {
        if (Family != network.Family)
            return false;
        var (highMask, lowMask) = network.PrefixMasks(prefixLength);
        return (_hi & highMask) == (network._hi & highMask) && (_lo & lowMask) == (network._lo & lowMask);
    }

    /// <summary>
    /// The masks over <see cref="High"/> and <see cref="Low"/> that keep the first <paramref name="prefixLength"/> bits of
    /// an address of this one's family (an IPv4 address is its 32 bits in <see cref="Low"/>), for prefix tests that
    /// compute them once.
    /// </summary>
    public (ulong High, ulong Low) PrefixMasks(int prefixLength)
    {
        if (IsV4)
            return (0UL, prefixLength == 0 ? 0UL : uint.MaxValue << (32 - prefixLength));
        var high = prefixLength >= 64 ? ulong.MaxValue : prefixLength == 0 ? 0UL : ulong.MaxValue << (64 - prefixLength);
        var low = prefixLength <= 64 ? 0UL : prefixLength == 128 ? ulong.MaxValue : ulong.MaxValue << (128 - prefixLength);
        return (high, low);
    }

    public bool IsLoopback => IsV4 ? (V4Value >> 24) == 127 : _hi == 0 && _lo == 1;

    public IPAddress ToIPAddress()
    {
        Span<byte> buffer = stackalloc byte[16];
        var length = WriteBytes(buffer);
        return new IPAddress(buffer[..length]);
    }

    public override string ToString() => Family == AddressFamily.Unspecified ? "unspecified" : ToIPAddress().ToString();

    public bool Equals(IpAddr other) => _hi == other._hi && _lo == other._lo && Family == other.Family;

    public override bool Equals(object? obj) => obj is IpAddr other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_hi, _lo, (int)Family);

    public int CompareTo(IpAddr other)
    {
        // Compare as int: Enum.CompareTo(object) would box on every call (found by the hot-path allocation test).
        var byFamily = ((int)Family).CompareTo((int)other.Family);
        if (byFamily != 0)
            return byFamily;
        var byHigh = _hi.CompareTo(other._hi);
        return byHigh != 0 ? byHigh : _lo.CompareTo(other._lo);
    }

    public static bool operator ==(IpAddr left, IpAddr right) => left.Equals(right);

    public static bool operator !=(IpAddr left, IpAddr right) => !left.Equals(right);

    public static bool operator <(IpAddr left, IpAddr right) => left.CompareTo(right) < 0;

    public static bool operator >(IpAddr left, IpAddr right) => left.CompareTo(right) > 0;

    public static bool operator <=(IpAddr left, IpAddr right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IpAddr left, IpAddr right) => left.CompareTo(right) >= 0;
}
