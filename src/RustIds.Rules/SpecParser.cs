using System.Globalization;
using RustIds.Packets;

namespace RustIds.Rules;

/// <summary>
/// Recursive-descent parser for the address and port fields of a rule header:
/// <c>any</c>, literals, <c>$VAR</c>, <c>!x</c>, <c>[a,b,[c,!d]]</c>.
/// </summary>
internal sealed class SpecParser
{
    private const int MaxVariableDepth = 16;

    private readonly RuleVariables _variables;
    private readonly bool _ports;
    private readonly List<SpecNode> _nodes = [];
    private readonly List<int> _children = [];

    private SpecParser(RuleVariables variables, bool ports)
    {
        _variables = variables;
        _ports = ports;
    }

    /// <summary>Error message of the failed parse, else null.</summary>
    public string? Error { get; private set; }

    /// <summary>Offset in the parsed text of the error.</summary>
    public int ErrorOffset { get; private set; }

    /// <summary>The error came from an unknown variable.</summary>
    public bool ErrorIsSemantic { get; private set; }

    public static SpecParser ParseAddress(string text, RuleVariables variables, out AddressMatcher? matcher)
    {
        var parser = new SpecParser(variables, ports: false);
        var root = parser.ParseTop(text);
        matcher = root < 0 ? null : new AddressMatcher(text, [.. parser._nodes], [.. parser._children], root);
        return parser;
    }

    public static SpecParser ParsePorts(string text, RuleVariables variables, out PortMatcher? matcher)
    {
        var parser = new SpecParser(variables, ports: true);
        var root = parser.ParseTop(text);
        matcher = root < 0 ? null : new PortMatcher(text, [.. parser._nodes], [.. parser._children], root);
        return parser;
    }

    private int ParseTop(string text)
    {
        var pos = 0;
        var root = ParseItem(text, ref pos, 0, -1);
        if (root < 0)
            return -1;
        SkipSpaces(text, ref pos);
        if (pos < text.Length)
            return Fail(pos, -1, $"unexpected '{text[pos]}'");
        return root;
    }

    private int ParseItem(string s, ref int pos, int depth, int anchor)
    {
        SkipSpaces(s, ref pos);
        if (pos >= s.Length)
            return Fail(pos, anchor, "expected an " + (_ports ? "port" : "address"));
        var start = pos;
        if (s[pos] == '!')
        {
            pos++;
            var inner = ParseItem(s, ref pos, depth, anchor);
            if (inner < 0)
                return -1;
            var node = _nodes[inner];
            if (node.Kind == SpecNodeKind.Any)
                return Fail(start, anchor, "'!any' matches nothing");
            node.Negated = !node.Negated;
            _nodes[inner] = node;
            return inner;
        }
        if (s[pos] == '[')
            return ParseList(s, ref pos, depth, anchor);
        if (s[pos] == '$')
            return ParseVariable(s, ref pos, depth, anchor);

        while (pos < s.Length && s[pos] is not (',' or ']' or '[' or '!' or ' ' or '\t'))
            pos++;
        var token = s[start..pos];
        if (token.Length == 0)
            return Fail(start, anchor, $"unexpected '{s[start]}'");
        if (token.Equals("any", StringComparison.OrdinalIgnoreCase))
            return Add(new SpecNode { Kind = SpecNodeKind.Any });
        return _ports ? ParsePortLiteral(token, start, anchor) : ParseAddressLiteral(token, start, anchor);
    }

    private int ParseList(string s, ref int pos, int depth, int anchor)
    {
        var open = pos;
        pos++;
        var items = new List<int>();
        while (true)
        {
            SkipSpaces(s, ref pos);
            if (pos < s.Length && s[pos] == ']' && items.Count == 0)
                return Fail(open, anchor, "empty list");
            var item = ParseItem(s, ref pos, depth, anchor);
            if (item < 0)
                return -1;
            items.Add(item);
            SkipSpaces(s, ref pos);
            if (pos >= s.Length)
                return Fail(open, anchor, "unclosed '['");
            if (s[pos] == ',')
            {
                pos++;
                continue;
            }
            if (s[pos] == ']')
            {
                pos++;
                break;
            }
            return Fail(pos, anchor, $"expected ',' or ']' but found '{s[pos]}'");
        }
        var first = _children.Count;
        _children.AddRange(items);
        return Add(new SpecNode { Kind = SpecNodeKind.List, First = first, Count = items.Count });
    }

    private int ParseVariable(string s, ref int pos, int depth, int anchor)
    {
        var start = pos;
        pos++;
        while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] == '_'))
            pos++;
        var name = s[(start + 1)..pos];
        var reportAt = anchor >= 0 ? anchor : start;
        if (name.Length == 0)
            return Fail(start, anchor, "expected a variable name after '$'");
        if (!_variables.TryGet(name, out var value))
        {
            ErrorIsSemantic = true;
            return Fail(start, anchor, $"unknown variable '${name}'");
        }
        if (depth >= MaxVariableDepth)
            return Fail(start, anchor, $"variable '${name}' nests too deeply (cycle?)");
        var inner = 0;
        var node = ParseItem(value, ref inner, depth + 1, reportAt);
        if (node < 0)
            return -1;
        SkipSpaces(value, ref inner);
        if (inner < value.Length)
            return Fail(start, reportAt, $"variable '${name}' has an invalid value '{value}'");
        return node;
    }

    private int ParseAddressLiteral(string token, int offset, int anchor)
    {
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
            return ParseAddressRange(token, dash, offset, anchor);
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? token : token[..slash];
        if (!IpAddr.TryParse(addressText, out var address))
            return Fail(offset, anchor, $"invalid address '{token}'");
        var prefix = address.BitLength;
        if (slash >= 0)
        {
            var prefixText = token[(slash + 1)..];
            if (int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= address.BitLength)
            {
                prefix = length;
            }
            else if (address.IsV4 && IpAddr.TryParse(prefixText, out var mask) && mask.IsV4 && IsContiguousMask(mask.V4Value))
            {
                prefix = System.Numerics.BitOperations.PopCount(mask.V4Value);
            }
            else
            {
                return Fail(offset + slash + 1, anchor, $"invalid prefix length '{prefixText}'");
            }
        }
        return Add(new SpecNode { Kind = SpecNodeKind.Prefix, Network = address, Low = prefix });
    }

    /// <summary>Suricata 9's <c>first-last</c> (<c>2001:db8::1-2001:db8::ff</c>): the smallest list of prefixes covering it.</summary>
    private int ParseAddressRange(string token, int dash, int offset, int anchor)
    {
        if (!IpAddr.TryParse(token.AsSpan(0, dash), out var first))
            return Fail(offset, anchor, $"invalid address '{token[..dash]}' in range '{token}'");
        if (!IpAddr.TryParse(token.AsSpan(dash + 1), out var last))
            return Fail(offset + dash + 1, anchor, $"invalid address '{token[(dash + 1)..]}' in range '{token}'");
        if (first.Family != last.Family)
            return Fail(offset, anchor, $"range '{token}' mixes IPv4 and IPv6");
        if (last < first)
            return Fail(offset, anchor, $"range '{token}' ends before it starts");
        var prefixes = new List<int>();
        foreach (var (network, length) in CoveringPrefixes(first, last))
            prefixes.Add(Add(new SpecNode { Kind = SpecNodeKind.Prefix, Network = network, Low = length }));
        if (prefixes.Count == 1)
            return prefixes[0];
        var firstChild = _children.Count;
        _children.AddRange(prefixes);
        return Add(new SpecNode { Kind = SpecNodeKind.List, First = firstChild, Count = prefixes.Count });
    }

    /// <summary>The aligned blocks that tile [<paramref name="first"/>, <paramref name="last"/>], largest first from the low end.</summary>
    private static IEnumerable<(IpAddr Network, int Length)> CoveringPrefixes(IpAddr first, IpAddr last)
    {
        var bits = first.BitLength;
        var low = first.IsV4 ? (UInt128)first.V4Value : new UInt128(first.High, first.Low);
        var high = last.IsV4 ? (UInt128)last.V4Value : new UInt128(last.High, last.Low);
        while (true)
        {
            // The widest block that starts at low (its alignment) and does not run past high.
            var hostBits = low == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(low));
            while (hostBits > 0 && (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1) > high - low)
                hostBits--;
            yield return (first.IsV4 ? IpAddr.FromV4((uint)low) : IpAddr.FromV6((ulong)(low >> 64), (ulong)low), bits - hostBits);
            if (hostBits == 128)
                yield break;
            var size = UInt128.One << hostBits;
            if (high - low < size)
                yield break;
            low += size;
        }
    }

    private int ParsePortLiteral(string token, int offset, int anchor)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        int low, high;
        if (colon < 0)
        {
            if (!TryPort(token, out low))
                return Fail(offset, anchor, $"invalid port '{token}'");
            high = low;
        }
        else
        {
            var lowText = token[..colon];
            var highText = token[(colon + 1)..];
            low = 0;
            high = 65535;
            if (lowText.Length > 0 && !TryPort(lowText, out low))
                return Fail(offset, anchor, $"invalid port '{lowText}'");
            if (highText.Length > 0 && !TryPort(highText, out high))
                return Fail(offset + colon + 1, anchor, $"invalid port '{highText}'");
            if (lowText.Length == 0 && highText.Length == 0)
                return Fail(offset, anchor, "empty port range");
            if (low > high)
                return Fail(offset, anchor, $"port range '{token}' is reversed");
        }
        return Add(new SpecNode { Kind = SpecNodeKind.Range, Low = low, High = high });
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    private static bool IsContiguousMask(uint mask) => (~mask & (~mask + 1)) == 0;

    private int Add(SpecNode node)
    {
        _nodes.Add(node);
        return _nodes.Count - 1;
    }

    private int Fail(int offset, int anchor, string message)
    {
        if (Error is null)
        {
            Error = message;
            ErrorOffset = anchor >= 0 ? anchor : offset;
        }
        return -1;
    }

    private static void SkipSpaces(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] is ' ' or '\t')
            pos++;
    }
}
