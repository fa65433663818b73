using System.Text;

namespace RustIds.Rules;

/// <summary>Decodes a content value: <c>!"text|0d 0a|more\;"</c> into bytes.</summary>
internal static class ContentStringParser
{
    /// <summary>Decodes the quoted string; <paramref name="modifiersAt"/> is where Snort 3's <c>,modifier</c> list starts (-1 when none, and then only when <paramref name="allowModifiers"/>).</summary>
    public static byte[]? Parse(RuleParseSession session, string value, int valueAt, bool allowModifiers, out bool negated, out int modifiersAt)
    {
        negated = false;
        modifiersAt = -1;
        var i = 0;
        if (i < value.Length && value[i] == '!')
        {
            negated = true;
            i++;
            while (i < value.Length && char.IsWhiteSpace(value[i]))
                i++;
        }
        if (i >= value.Length || value[i] != '"')
        {
            session.Error(valueAt + i, RuleDiagnosticKind.Syntax, "content must be a quoted string");
            return null;
        }
        i++;
        var bytes = new List<byte>();
        var hexAt = -1;
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (i >= value.Length)
            {
                session.Error(valueAt, RuleDiagnosticKind.Syntax, "unterminated content string");
                return null;
            }
            var c = value[i];
            if (hexAt >= 0)
            {
                if (c == '|')
                {
                    hexAt = -1;
                    i++;
                }
                else if (c == ' ' || c == '\t')
                {
                    i++;
                }
                else if (char.IsAsciiHexDigit(c) && i + 1 < value.Length && char.IsAsciiHexDigit(value[i + 1]))
                {
                    bytes.Add((byte)((HexValue(c) << 4) | HexValue(value[i + 1])));
                    i += 2;
                }
                else if (c == '"')
                {
                    session.Error(valueAt + hexAt, RuleDiagnosticKind.Syntax, "unterminated hex block");
                    return null;
                }
                else
                {
                    session.Error(valueAt + i, RuleDiagnosticKind.Syntax, char.IsAsciiHexDigit(c) ? "odd number of hex digits" : $"invalid character '{c}' in hex block");
                    return null;
                }
                continue;
            }
            if (c == '"')
            {
                i++;
                break;
            }
            if (c == '|')
            {
                hexAt = i;
                i++;
                continue;
            }
            if (c == '\\')
            {
                if (i + 1 < value.Length && value[i + 1] is ';' or '"' or '\\' or ':')
                {
                    bytes.Add((byte)value[i + 1]);
                    i += 2;
                    continue;
                }
                session.Error(valueAt + i, RuleDiagnosticKind.Syntax, i + 1 < value.Length ? $"invalid escape '\\{value[i + 1]}'" : "invalid escape at end of content");
                return null;
            }
            if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                var rune = Rune.IsValid(c) ? new Rune(c) : Rune.ReplacementChar;
                var written = rune.EncodeToUtf8(utf8);
                for (var k = 0; k < written; k++)
                    bytes.Add(utf8[k]);
            }
            i++;
        }
        var rest = value.AsSpan(i).Trim();
        if (!rest.IsEmpty)
        {
            if (rest[0] == ',' && allowModifiers)
            {
                modifiersAt = value.IndexOf(',', i);
            }
            else
            {
                session.Error(valueAt + i, RuleDiagnosticKind.Syntax, rest[0] == ',' ? "modifiers after ',' are Snort 3 syntax; this rule is read as Suricata syntax" : "unexpected text after content string");
                return null;
            }
        }
        if (bytes.Count == 0)
        {
            session.Error(valueAt, RuleDiagnosticKind.Semantic, "empty content");
            return null;
        }
        return [.. bytes];
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
