using RustIds.Packets;

namespace RustIds.Rules.Thresholds;

/// <summary>Parses Suricata address lists: <c>1.2.3.4</c>, <c>10.0.0.0/8</c>, <c>10.0.0.0/255.0.0.0</c>, <c>fe80::/10</c>, <c>any</c>, <c>[a,b]</c>, <c>!a</c>, <c>$VAR</c>.</summary>
/// <remarks>
/// Variables are resolved through the caller's function (address-groups of the rule set) and may nest up to
/// <see cref="MaxDepth"/> levels of lists and variables, which also stops variable loops. Operator input: errors are returned, never thrown.
/// </remarks>
public static class IpAddressSetParser
{
    /// <summary>How deep lists and variables may nest.</summary>
    public const int MaxDepth = 16;

    /// <summary>Parses <paramref name="text"/> into a set.</summary>
    /// <param name="text">The address list text.</param>
    /// <param name="resolveVariable">Returns the text of <c>$NAME</c> (name without <c>$</c>), or null when unknown.</param>
    /// <param name="set">The set, or null on error.</param>
    /// <param name="error">What is wrong, or null.</param>
    /// <param name="errorOffset">Offset into <paramref name="text"/> of the problem (for errors inside a variable, the variable's offset), or -1.</param>
    public static bool TryParse(string text, Func<string, string?> resolveVariable, out IpAddressSet? set, out string? error, out int errorOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resolveVariable);
        var reader = new Reader(text, resolveVariable);
        set = reader.ParseTop(0, out error, out errorOffset);
        return set is not null;
    }

    private sealed class Reader(string text, Func<string, string?> resolveVariable)
    {
        private int _pos;

        public IpAddressSet? ParseTop(int depth, out string? error, out int errorOffset)
        {
            SkipSpace();
            var terms = new List<IpAddressSet.Term>();
            if (!TryParseTerm(depth, terms, out error, out errorOffset))
                return null;
            SkipSpace();
            if (_pos != text.Length)
            {
                error = $"unexpected '{text[_pos]}' after the address";
                errorOffset = _pos;
                return null;
            }
            return new IpAddressSet([.. terms]);
        }

        private bool TryParseTerm(int depth, List<IpAddressSet.Term> terms, out string? error, out int errorOffset)
        {
            error = null;
            errorOffset = -1;
            if (depth > MaxDepth)
                return Fail("address list nests too deep (loop in variables?)", _pos, out error, out errorOffset);
            SkipSpace();
            var negated = false;
            while (_pos < text.Length && text[_pos] == '!')
            {
                negated = !negated;
                _pos++;
                SkipSpace();
            }
            if (_pos >= text.Length)
                return Fail("missing address", _pos, out error, out errorOffset);
            var start = _pos;
            if (text[_pos] == '[')
            {
                _pos++;
                var inner = new List<IpAddressSet.Term>();
                while (true)
                {
                    if (!TryParseTerm(depth + 1, inner, out error, out errorOffset))
                        return false;
                    SkipSpace();
                    if (_pos >= text.Length)
                        return Fail("missing ']'", _pos, out error, out errorOffset);
                    if (text[_pos] == ']')
                    {
                        _pos++;
                        break;
                    }
                    if (text[_pos] != ',')
                        return Fail($"expected ',' or ']' but found '{text[_pos]}'", _pos, out error, out errorOffset);
                    _pos++;
                }
                terms.Add(IpAddressSet.Term.List(new IpAddressSet([.. inner]), negated));
                return true;
            }
            while (_pos < text.Length && text[_pos] is not (',' or ']' or '[') && !char.IsWhiteSpace(text[_pos]))
                _pos++;
            var token = text[start.._pos];
            if (token.Length == 0)
                return Fail($"unexpected '{text[start]}'", start, out error, out errorOffset);
            if (token[0] == '$')
                return TryVariable(token, start, depth, negated, terms, out error, out errorOffset);
            if (token is "any")
            {
                terms.Add(IpAddressSet.Term.Any(negated));
                return true;
            }
            if (!TryParsePrefix(token, out var network, out var prefixLength, out error))
                return Fail(error!, start, out error, out errorOffset);
            terms.Add(IpAddressSet.Term.Prefix(network, prefixLength, negated));
            return true;
        }

        private bool TryVariable(string token, int start, int depth, bool negated, List<IpAddressSet.Term> terms, out string? error, out int errorOffset)
        {
            var name = token[1..];
            var value = name.Length == 0 ? null : resolveVariable(name);
            if (value is null)
                return Fail($"unknown variable '{token}'", start, out error, out errorOffset);
            var nested = new Reader(value, resolveVariable).ParseTop(depth + 1, out error, out _);
            if (nested is null)
                return Fail($"in variable '{token}': {error}", start, out error, out errorOffset);
            terms.Add(IpAddressSet.Term.List(nested, negated));
            errorOffset = -1;
            return true;
        }

        private static bool TryParsePrefix(string token, out IpAddr network, out int prefixLength, out string? error)
        {
            prefixLength = 0;
            network = default;
            error = null;
            var slash = token.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? token.AsSpan() : token.AsSpan(0, slash);
            if (!IsStrictAddress(addressText) || !IpAddr.TryParse(addressText, out network))
            {
                error = $"'{addressText}' is not an IP address";
                return false;
            }
            prefixLength = network.BitLength;
            if (slash < 0)
                return true;
            var maskText = token.AsSpan(slash + 1);
            if (network.IsV4 && maskText.Contains('.'))
                return TryNetmask(maskText, out prefixLength, out error);
            if (!int.TryParse(maskText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefixLength)
                || prefixLength > network.BitLength)
            {
                error = $"bad prefix length '/{maskText}' (0 to {network.BitLength})";
                return false;
            }
            return true;
        }

        /// <summary>Rejects the legacy IPv4 forms <see cref="System.Net.IPAddress"/> accepts ("1.2.3", "0x7f.1") as inet_pton does.</summary>
        private static bool IsStrictAddress(ReadOnlySpan<char> text)
        {
            if (text.Contains(':'))
                return true;
            var dots = 0;
            foreach (var c in text)
            {
                if (c == '.')
                    dots++;
                else if (c is < '0' or > '9')
                    return false;
            }
            return dots == 3;
        }

        private static bool TryNetmask(ReadOnlySpan<char> maskText, out int prefixLength, out string? error)
        {
            prefixLength = 0;
            if (!IsStrictAddress(maskText) || !IpAddr.TryParse(maskText, out var mask) || !mask.IsV4)
            {
                error = $"bad netmask '{maskText}'";
                return false;
            }
            var bits = mask.V4Value;
            prefixLength = System.Numerics.BitOperations.PopCount(bits);
            // A netmask must be contiguous ones from the top: 255.255.0.255 is rejected.
            var expected = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
            error = bits == expected ? null : $"netmask '{maskText}' is not contiguous";
            return error is null;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }

        private static bool Fail(string message, int offset, out string? error, out int errorOffset)
        {
            error = message;
            errorOffset = offset;
            return false;
        }
    }
}
