using System.Text;

namespace RustIds.Rules.Pcre;

/// <summary>Rewrites a PCRE pattern (as Suricata and Snort compile it: no UTF, no UCP) into .NET regular-expression syntax.</summary>
/// <remarks>
/// <para>The data is bytes read as Latin-1 characters, so <c>\xff</c> is the byte 0xff. PCRE's classes are ASCII
/// (<c>\d \w \s</c>, POSIX <c>[:alpha:]</c>) while .NET's are Unicode, so they are spelled out; PCRE's <c>\v \h \R</c>
/// differ from .NET's or do not exist there; possessive quantifiers become atomic groups; <c>(?P&lt;n&gt;</c> and
/// <c>\Q…\E</c> are rewritten. Constructs with no faithful .NET form (recursion, verbs, <c>\K</c>, branch reset,
/// conditionals, Unicode properties) are refused with their offset: a rule is better not loaded than wrong.</para>
/// <para>With the <c>G</c> flag (ungreedy) every quantifier's greediness is inverted.</para>
/// </remarks>
internal sealed class PcreTranslator
{
    private const string Digit = "0-9";
    private const string Word = "A-Za-z0-9_";
    private const string Space = "\\t\\n\\x0B\\f\\r ";
    private const string HorizontalSpace = "\\t \\xA0";
    private const string VerticalSpace = "\\n\\x0B\\f\\r\\x85";

    private readonly string _pattern;
    private readonly bool _ungreedy;
    private readonly bool _dollarEndOnly;
    private readonly StringBuilder _output = new();
    private readonly Stack<int> _groupStarts = new();
    private int _position;
    private int _atomStart = -1;

    private PcreTranslator(string pattern, bool ungreedy, bool dollarEndOnly)
    {
        _pattern = pattern;
        _ungreedy = ungreedy;
        _dollarEndOnly = dollarEndOnly;
    }

    /// <summary>Translates <paramref name="pattern"/>; on failure returns null with a message and the offending offset.</summary>
    public static string? Translate(string pattern, bool ungreedy, bool dollarEndOnly, out string? error, out int errorAt)
    {
        var translator = new PcreTranslator(pattern, ungreedy, dollarEndOnly);
        try
        {
            translator.Run();
            error = null;
            errorAt = 0;
            return translator._output.ToString();
        }
        catch (PcreSyntaxException ex)
        {
            error = ex.Message;
            errorAt = ex.Offset;
            return null;
        }
    }

    private void Run()
    {
        while (_position < _pattern.Length)
        {
            var c = _pattern[_position];
            switch (c)
            {
                case '\\':
                    Escape();
                    break;
                case '[':
                    _atomStart = _output.Length;
                    CharacterClass();
                    break;
                case '(':
                    Group();
                    break;
                case ')':
                    if (_groupStarts.Count == 0)
                        throw new PcreSyntaxException("unmatched ')'", _position);
                    _output.Append(')');
                    _atomStart = _groupStarts.Pop();
                    _position++;
                    break;
                case '*' or '+' or '?':
                    Quantifier(1);
                    break;
                case '{' when IsCountedQuantifier(_position, out var length):
                    Quantifier(length);
                    break;
                case '$':
                    _output.Append(_dollarEndOnly ? "\\z" : "$");
                    _atomStart = -1;
                    _position++;
                    break;
                default:
                    // Pattern characters (., ^, |, literals) mean the same in both syntaxes; a brace that is not a
                    // counted quantifier is a literal in PCRE and is escaped to stay one in .NET.
                    _atomStart = c is '^' or '|' ? -1 : _output.Length;
                    if (c == '{')
                        _output.Append("\\{");
                    else if (c < 0x20 || c >= 0x7F)
                        AppendLiteral(c);
                    else
                        _output.Append(c);
                    _position++;
                    break;
            }
        }
        if (_groupStarts.Count > 0)
            throw new PcreSyntaxException("missing ')'", _pattern.Length);
    }

    private void Quantifier(int length)
    {
        if (_atomStart < 0)
            throw new PcreSyntaxException("quantifier does not follow a repeatable item", _position);
        var quantifier = _pattern.Substring(_position, length);
        _position += length;
        var lazy = false;
        var possessive = false;
        if (_position < _pattern.Length && _pattern[_position] == '?')
        {
            lazy = true;
            _position++;
        }
        else if (_position < _pattern.Length && _pattern[_position] == '+')
        {
            possessive = true;
            _position++;
        }
        if (possessive)
        {
            // X*+ is (?>X*): the atom and its quantifier in an atomic group.
            _output.Insert(_atomStart, "(?>");
            _output.Append(quantifier).Append(')');
        }
        else
        {
            _output.Append(quantifier);
            if (lazy != _ungreedy)
                _output.Append('?');
        }
        _atomStart = -1;
    }

    private bool IsCountedQuantifier(int at, out int length)
    {
        // {n}, {n,}, {n,m}; anything else (such as {,n}) is a literal brace in PCRE.
        length = 0;
        var i = at + 1;
        var digits = 0;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            i++;
            digits++;
        }
        if (digits == 0)
            return false;
        if (i < _pattern.Length && _pattern[i] == ',')
        {
            i++;
            while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
                i++;
        }
        if (i >= _pattern.Length || _pattern[i] != '}')
            return false;
        length = i - at + 1;
        return true;
    }

    private void Group()
    {
        var start = _position;
        _groupStarts.Push(_output.Length);
        _position++;
        if (_position >= _pattern.Length || _pattern[_position] != '?')
        {
            if (_position < _pattern.Length && _pattern[_position] == '*')
                throw new PcreSyntaxException("PCRE verbs such as (*UTF8) are not supported", start);
            _output.Append('(');
            return;
        }
        // (?...
        var rest = _pattern.AsSpan(_position + 1);
        if (rest.StartsWith("P<"))
        {
            _output.Append("(?<");
            _position += 3;
            return;
        }
        if (rest.StartsWith("P="))
        {
            var end = _pattern.IndexOf(')', _position);
            if (end < 0)
                throw new PcreSyntaxException("missing ')'", start);
            _groupStarts.Pop();
            _atomStart = _output.Length;
            _output.Append("\\k<").Append(_pattern, _position + 3, end - _position - 3).Append('>');
            _position = end + 1;
            return;
        }
        if (rest.StartsWith("P>") || rest.StartsWith("R)") || rest.StartsWith("&") || (rest.Length > 0 && (char.IsAsciiDigit(rest[0]) || rest[0] is '+' or '-' && rest.Length > 1 && char.IsAsciiDigit(rest[1]))))
            throw new PcreSyntaxException("recursion and subroutine calls are not supported", start);
        if (rest.StartsWith("|"))
            throw new PcreSyntaxException("branch reset groups (?| are not supported", start);
        if (rest.StartsWith("("))
            throw new PcreSyntaxException("conditional groups are not supported", start);
        if (rest.StartsWith("<") && rest.Length > 1 && rest[1] is not ('=' or '!'))
        {
            // (?<name> is the same in .NET.
            _output.Append("(?<");
            _position += 2;
            return;
        }
        if (rest.StartsWith("'"))
        {
            _output.Append("(?'");
            _position += 2;
            return;
        }
        if (rest.StartsWith("#"))
        {
            // (?#comment): dropped; PCRE ends it at the first ')'.
            var end = _pattern.IndexOf(')', _position);
            if (end < 0)
                throw new PcreSyntaxException("unterminated (?# comment", start);
            _groupStarts.Pop();
            _position = end + 1;
            return;
        }
        if (rest.Length > 0 && rest[0] is ':' or '=' or '!' or '>' || rest.StartsWith("<=") || rest.StartsWith("<!"))
        {
            _output.Append("(?");
            _position++;
            return;
        }
        // Inline options: (?i) (?s-m) (?x: ...). .NET knows i m s x n; PCRE's U J X have no equivalent.
        var i = _position + 1;
        while (i < _pattern.Length && (char.IsAsciiLetter(_pattern[i]) || _pattern[i] == '-'))
        {
            if (_pattern[i] is not ('i' or 'm' or 's' or 'x' or '-'))
                throw new PcreSyntaxException($"inline option '{_pattern[i]}' is not supported", i);
            i++;
        }
        if (i >= _pattern.Length || _pattern[i] is not (')' or ':'))
            throw new PcreSyntaxException("unknown group syntax after '(?'", start);
        _output.Append("(?").Append(_pattern, _position + 1, i - _position - 1);
        _position = i;
        if (_pattern[i] == ')')
        {
            _groupStarts.Pop();
            _output.Append(')');
            _position++;
            _atomStart = -1;
        }
        else
        {
            _output.Append(':');
            _position++;
        }
    }

    private void Escape()
    {
        var start = _position;
        if (_position + 1 >= _pattern.Length)
            throw new PcreSyntaxException("'\\' at the end of the pattern", start);
        var c = _pattern[_position + 1];
        _position += 2;
        _atomStart = _output.Length;
        switch (c)
        {
            case 'd': _output.Append('[').Append(Digit).Append(']'); return;
            case 'D': _output.Append("[^").Append(Digit).Append(']'); return;
            case 'w': _output.Append('[').Append(Word).Append(']'); return;
            case 'W': _output.Append("[^").Append(Word).Append(']'); return;
            case 's': _output.Append('[').Append(Space).Append(']'); return;
            case 'S': _output.Append("[^").Append(Space).Append(']'); return;
            case 'h': _output.Append('[').Append(HorizontalSpace).Append(']'); return;
            case 'H': _output.Append("[^").Append(HorizontalSpace).Append(']'); return;
            case 'v': _output.Append('[').Append(VerticalSpace).Append(']'); return;
            case 'V': _output.Append("[^").Append(VerticalSpace).Append(']'); return;
            case 'N': _output.Append("[^\\n]"); return;
            case 'R': _output.Append("(?:\\r\\n|[").Append(VerticalSpace).Append("])"); return;
            case 'C': _output.Append("[\\x00-\\xFF]"); return;
            case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                _output.Append('\\').Append(c);
                _atomStart = -1;
                return;
            case 'Q':
                QuotedLiteral();
                return;
            case 'E':
                _atomStart = -1;
                return;
            case 'x':
                _output.Append("\\x").Append(HexEscape(start).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                return;
            case 'o':
                throw new PcreSyntaxException("\\o{...} octal escapes are not supported", start);
            case 'g' or 'k':
                BackReference(c, start);
                return;
            case 'K' or 'X' or 'p' or 'P':
                throw new PcreSyntaxException($"'\\{c}' is not supported", start);
            case 'n' or 'r' or 't' or 'f' or 'a' or 'e':
                _output.Append('\\').Append(c);
                return;
            case 'c':
                if (_position >= _pattern.Length)
                    throw new PcreSyntaxException("'\\c' needs a letter", start);
                _output.Append("\\c").Append(_pattern[_position++]);
                return;
        }
        if (char.IsAsciiDigit(c))
        {
            // \1..\9 (and more digits) back-references, \0nn octal: the same in .NET.
            _output.Append('\\').Append(c);
            while (_position < _pattern.Length && char.IsAsciiDigit(_pattern[_position]))
                _output.Append(_pattern[_position++]);
            return;
        }
        if (char.IsAsciiLetter(c))
            throw new PcreSyntaxException($"unknown escape '\\{c}'", start);
        AppendLiteral(c);
    }

    private void QuotedLiteral()
    {
        var end = _pattern.IndexOf("\\E", _position, StringComparison.Ordinal);
        var text = end < 0 ? _pattern[_position..] : _pattern[_position..end];
        _position = end < 0 ? _pattern.Length : end + 2;
        if (text.Length == 0)
        {
            _atomStart = -1;
            return;
        }
        foreach (var ch in text)
        {
            _atomStart = _output.Length;
            AppendLiteral(ch);
        }
    }

    private void BackReference(char kind, int start)
    {
        // \g1 \g{1} \g{name} \k<name> \k'name' \k{name}
        string name;
        if (_position < _pattern.Length && _pattern[_position] is '{' or '<' or '\'')
        {
            var close = _pattern[_position] switch { '{' => '}', '<' => '>', _ => '\'' };
            var end = _pattern.IndexOf(close, _position + 1);
            if (end < 0)
                throw new PcreSyntaxException($"unterminated \\{kind} reference", start);
            name = _pattern[(_position + 1)..end];
            _position = end + 1;
        }
        else
        {
            var from = _position;
            while (_position < _pattern.Length && char.IsAsciiDigit(_pattern[_position]))
                _position++;
            name = _pattern[from.._position];
        }
        if (name.Length == 0 || name[0] is '-' or '+')
            throw new PcreSyntaxException("relative back-references are not supported", start);
        _output.Append(name.All(char.IsAsciiDigit) ? $"\\{name}" : $"\\k<{name}>");
    }

    private int HexEscape(int start)
    {
        if (_position < _pattern.Length && _pattern[_position] == '{')
        {
            var end = _pattern.IndexOf('}', _position);
            if (end < 0 || !int.TryParse(_pattern.AsSpan(_position + 1, end - _position - 1), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var wide) || wide > 0xFF)
                throw new PcreSyntaxException("\\x{...} must hold a byte value (00-ff)", start);
            _position = end + 1;
            return wide;
        }
        var value = 0;
        var digits = 0;
        while (digits < 2 && _position < _pattern.Length && char.IsAsciiHexDigit(_pattern[_position]))
        {
            value = (value << 4) | Convert.ToInt32(_pattern[_position].ToString(), 16);
            _position++;
            digits++;
        }
        return value;
    }

    private void CharacterClass()
    {
        var start = _position;
        _output.Append('[');
        _position++;
        if (_position < _pattern.Length && _pattern[_position] == '^')
        {
            _output.Append('^');
            _position++;
        }
        var first = true;
        while (true)
        {
            if (_position >= _pattern.Length)
                throw new PcreSyntaxException("missing ']'", start);
            var c = _pattern[_position];
            if (c == ']' && !first)
            {
                _output.Append(']');
                _position++;
                return;
            }
            first = false;
            if (c == '[' && _position + 1 < _pattern.Length && _pattern[_position + 1] == ':')
            {
                PosixClass(start);
                continue;
            }
            if (c == '\\')
            {
                ClassEscape();
                continue;
            }
            // .NET reads "-[" inside a class as subtraction and a lone '[' as nothing special; PCRE reads both literally.
            if (c is '[' or ']' or '-' && c != '-' || c == '-' && _position + 1 < _pattern.Length && _pattern[_position + 1] == '[')
                _output.Append('\\');
            AppendClassChar(c);
            _position++;
        }
    }

    private void PosixClass(int classStart)
    {
        var end = _pattern.IndexOf(":]", _position + 2, StringComparison.Ordinal);
        if (end < 0)
            throw new PcreSyntaxException("unterminated POSIX class", _position);
        var name = _pattern[(_position + 2)..end];
        var expansion = name switch
        {
            "alpha" => "A-Za-z",
            "digit" => Digit,
            "alnum" => "A-Za-z0-9",
            "upper" => "A-Z",
            "lower" => "a-z",
            "space" => Space,
            "blank" => " \\t",
            "punct" => "!-/:-@\\[-`{-~",
            "xdigit" => "0-9A-Fa-f",
            "word" => Word,
            "cntrl" => "\\x00-\\x1F\\x7F",
            "print" => "\\x20-\\x7E",
            "graph" => "\\x21-\\x7E",
            "ascii" => "\\x00-\\x7F",
            _ => throw new PcreSyntaxException($"POSIX class [:{name}:] is not supported", _position),
        };
        _ = classStart;
        _output.Append(expansion);
        _position = end + 2;
    }

    private void ClassEscape()
    {
        var start = _position;
        if (_position + 1 >= _pattern.Length)
            throw new PcreSyntaxException("'\\' at the end of the pattern", start);
        var c = _pattern[_position + 1];
        _position += 2;
        switch (c)
        {
            case 'd': _output.Append(Digit); return;
            case 'w': _output.Append(Word); return;
            case 's': _output.Append(Space); return;
            case 'h': _output.Append(HorizontalSpace); return;
            case 'v': _output.Append(VerticalSpace); return;
            case 'D' or 'W' or 'S' or 'H' or 'V':
                throw new PcreSyntaxException($"'\\{c}' inside a character class is not supported", start);
            case 'x':
                _output.Append("\\x").Append(HexEscape(start).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                return;
            case 'n' or 'r' or 't' or 'f' or 'a' or 'e' or 'b':
                _output.Append('\\').Append(c);
                return;
            case 'Q':
                var end = _pattern.IndexOf("\\E", _position, StringComparison.Ordinal);
                var text = end < 0 ? _pattern[_position..] : _pattern[_position..end];
                _position = end < 0 ? _pattern.Length : end + 2;
                foreach (var ch in text)
                    AppendClassChar(ch, escape: true);
                return;
        }
        if (char.IsAsciiDigit(c))
        {
            // Octal inside a class (\0, \012): .NET reads \0nn the same way; other digits are not back-references here.
            var from = _position - 1;
            while (_position < _pattern.Length && _position - from < 3 && _pattern[_position] is >= '0' and <= '7')
                _position++;
            var value = Convert.ToInt32(_pattern[from.._position], 8);
            if (value > 0xFF)
                throw new PcreSyntaxException("octal escape above \\377", start);
            _output.Append("\\x").Append(value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (char.IsAsciiLetter(c))
            throw new PcreSyntaxException($"unknown escape '\\{c}' in a character class", start);
        AppendClassChar(c, escape: true);
    }

    private void AppendClassChar(char c, bool escape = false)
    {
        if (c > 0xFF)
            throw new PcreSyntaxException("characters above \\xff cannot occur in byte data", _position);
        if (escape && !char.IsAsciiLetterOrDigit(c) && c != '_')
            _output.Append('\\');
        if (c < 0x20 || c >= 0x7F)
            _output.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        else
            _output.Append(c);
    }

    private void AppendLiteral(char c)
    {
        if (c > 0xFF)
            throw new PcreSyntaxException("characters above \\xff cannot occur in byte data", _position);
        if (c < 0x20 || c >= 0x7F)
            _output.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        else if ("\\*+?|{}()[]^$.#".Contains(c, StringComparison.Ordinal) || char.IsWhiteSpace(c))
            _output.Append('\\').Append(c);
        else
            _output.Append(c);
    }
}
