using System.Buffers.Binary;
using RustIds.Packets;

namespace RustIds.Rules.Conditions;

/// <summary><c>flags</c> (TCP flags) and <c>fragbits</c> (IPv4 RF/DF/MF): a bit set compared with a modifier.</summary>
public sealed class BitsCondition : PacketCondition
{
    private const int FragBitsMask = 0xE000;

    private readonly bool _fragBits;
    private readonly int _bits;
    private readonly int _ignore;
    private readonly BitsModifier _modifier;

    private BitsCondition(bool fragBits, int bits, int ignore, BitsModifier modifier)
    {
        _fragBits = fragBits;
        _bits = bits;
        _ignore = ignore;
        _modifier = modifier;
    }

    /// <inheritdoc/>
    public override string Keyword => _fragBits ? "fragbits" : "flags";

    /// <inheritdoc/>
    public override bool Matches(in Packet packet)
    {
        int actual;
        if (_fragBits)
        {
            var network = packet.Network;
            if (network.Length < 20 || network[0] >> 4 != 4)
                return false;
            actual = BinaryPrimitives.ReadUInt16BigEndian(network[6..]) & FragBitsMask;
        }
        else
        {
            if (packet.Protocol != IpProtocol.Tcp)
                return false;
            actual = (int)packet.TcpFlags & ~_ignore;
        }
        return _modifier switch
        {
            BitsModifier.Exact => actual == _bits,
            BitsModifier.All => (actual & _bits) == _bits,
            BitsModifier.Any => (actual & _bits) != 0,
            _ => (actual & _bits) == 0,
        };
    }

    /// <summary>Parses a <c>flags</c> value such as <c>SA</c>, <c>S,12</c>, <c>+A</c>, <c>!R</c>, <c>0</c>.</summary>
    public static bool TryParseFlags(string value, out BitsCondition? condition, out string? error, out int errorAt)
    {
        ArgumentNullException.ThrowIfNull(value);
        condition = null;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var main = comma < 0 ? value : value[..comma];
        if (!TryParseBits(main, 0, TcpFlag, out var bits, out var modifier, out error, out errorAt))
            return false;
        var ignore = 0;
        if (comma >= 0 && !TryParseBits(value[(comma + 1)..], comma + 1, TcpFlag, out ignore, out _, out error, out errorAt))
            return false;
        condition = new BitsCondition(fragBits: false, bits, ignore, modifier);
        return true;
    }

    /// <summary>Parses a <c>fragbits</c> value such as <c>M</c>, <c>+D</c>, <c>!R</c>.</summary>
    public static bool TryParseFragBits(string value, out BitsCondition? condition, out string? error, out int errorAt)
    {
        ArgumentNullException.ThrowIfNull(value);
        condition = null;
        if (!TryParseBits(value, 0, FragFlag, out var bits, out var modifier, out error, out errorAt))
            return false;
        condition = new BitsCondition(fragBits: true, bits, 0, modifier);
        return true;
    }

    private static int TcpFlag(char c) => char.ToUpperInvariant(c) switch
    {
        'F' => (int)TcpFlags.Fin,
        'S' => (int)TcpFlags.Syn,
        'R' => (int)TcpFlags.Rst,
        'P' => (int)TcpFlags.Psh,
        'A' => (int)TcpFlags.Ack,
        'U' => (int)TcpFlags.Urg,
        'E' or '2' => (int)TcpFlags.Ece,
        'C' or '1' => (int)TcpFlags.Cwr,
        '0' => 0,
        _ => -1,
    };

    private static int FragFlag(char c) => char.ToUpperInvariant(c) switch
    {
        'R' => 0x8000,
        'D' => 0x4000,
        'M' => 0x2000,
        _ => -1,
    };

    private static bool TryParseBits(string text, int at, Func<char, int> bitOf, out int bits, out BitsModifier modifier, out string? error, out int errorAt)
    {
        bits = 0;
        modifier = BitsModifier.Exact;
        error = null;
        errorAt = 0;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
                continue;
            var next = c switch { '+' => BitsModifier.All, '*' => BitsModifier.Any, '!' => BitsModifier.None, _ => BitsModifier.Exact };
            if (next != BitsModifier.Exact)
            {
                if (modifier != BitsModifier.Exact)
                {
                    error = $"more than one modifier in '{text.Trim()}'";
                    errorAt = at + i;
                    return false;
                }
                modifier = next;
                continue;
            }
            var bit = bitOf(c);
            if (bit < 0)
            {
                error = $"unknown flag '{c}'";
                errorAt = at + i;
                return false;
            }
            bits |= bit;
            any = true;
        }
        if (!any)
        {
            error = "expected flag letters";
            errorAt = at;
            return false;
        }
        return true;
    }
}
