using System.Globalization;
using System.Text;

namespace RustIds.Rules.Pcre;

/// <summary>Rewrites a PCRE pattern (no UTF, no UCP, LF newlines) as an equivalent .NET pattern over Latin-1 chars.</summary>
/// <remarks>
/// Nothing depends on .NET regex options: case folding, dot, anchors, \d \w \s and \b are all spelled out so
/// the result means the same whatever .NET would do with Unicode. Constructs with no faithful translation
/// (recursion, verbs, \K, Unicode properties, branch reset) are rejected with the offset of the construct.
/// Not thread-safe; one instance per translation.
/// </remarks>
internal sealed class PcreTranslator
{
    private const string AnyChar = "[\\u0000-\\uFFFF]";

    private readonly PatternCursor _c;
    private readonly StringBuilder _out = new();
    private readonly List<int> _map = [];
    private readonly List<Frame> _stack = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<(int Number, int Pos)> _refs = [];
    private readonly IReadOnlyDictionary<string, int>? _allNames;
    private PcreFlags _flags;
    private int _groups;
    private int _atomStart = -1;
    private bool _unresolvedName;

    private PcreTranslator(string pattern, PcreFlags flags, IReadOnlyDictionary<string, int>? allNames)
    {
        _c = new PatternCursor(pattern);
        _flags = flags;
        _allNames = allNames;
    }

    /// <summary>Translates <paramref name="pattern"/>; on failure returns null with the message and pattern index.</summary>
    /// <param name="pattern">PCRE pattern text between the delimiters.</param>
    /// <param name="flags">Initial options from the rule's flag letters.</param>
    /// <param name="anchored">PCRE_ANCHORED (<c>A</c>): the match must start at the subject start.</param>
    /// <param name="error">Why the pattern was rejected.</param>
    /// <param name="errorPos">Index into <paramref name="pattern"/> of the offending character.</param>
    /// <returns>The translation, or null.</returns>
    public static PcreTranslation? Translate(string pattern, PcreFlags flags, bool anchored, out string? error, out int errorPos)
    {
        var t = new PcreTranslator(pattern, flags, null);
        bool ok = t.Run(anchored);
        if (ok && t._unresolvedName)
        {
            // A name used before its group: translate again knowing every name.
            t = new PcreTranslator(pattern, flags, t._names);
            ok = t.Run(anchored);
        }

        error = t._c.Error;
        errorPos = t._c.ErrorPos;
        if (!ok)
        {
            error ??= "invalid pattern";
            return null;
        }

        return new PcreTranslation(t._out.ToString(), t._groups, t._names, [.. t._map]);
    }

    private bool Has(PcreFlags f) => (_flags & f) != 0;

    private bool Run(bool anchored)
    {
        if (anchored)
        {
            Emit("\\G(?:", 0);
        }

        while (!_c.AtEnd)
        {
            if (!Step())
            {
                return false;
            }
        }

        if (_stack.Count > 0)
        {
            return _c.Fail("missing closing parenthesis", _stack[^1].SourcePos);
        }

        foreach (var (number, pos) in _refs)
        {
            if (number > _groups)
            {
                return _c.Fail($"reference to non-existent group {number}", pos);
            }
        }

        if (anchored)
        {
            Emit(")", Math.Max(0, _c.Text.Length - 1));
        }

        return true;
    }

    private bool Step()
    {
        int pos = _c.Pos;
        char ch = _c.Peek();
        if (Has(PcreFlags.Extended) && SkipExtended(ch))
        {
            return true;
        }

        switch (ch)
        {
            case '\\':
                return Escape();
            case '[':
                if (!PcreClassParser.Read(_c, Has(PcreFlags.Caseless), out var set))
                {
                    return false;
                }

                BeginAtom();
                set.AppendTo(_out);
                Map(pos);
                return true;
            case '(':
                return OpenGroup();
            case ')':
                return CloseGroup();
            case '|':
                _c.Pos++;
                Emit("|", pos);
                _atomStart = -1;
                return true;
            case '^':
                _c.Pos++;
                Emit(Has(PcreFlags.Multiline) ? "(?:\\A|(?<=\\n)(?!\\z))" : "\\A", pos);
                _atomStart = -1;
                return true;
            case '$':
                _c.Pos++;
                Emit(Has(PcreFlags.Multiline) ? "(?=\\n|\\z)" : Has(PcreFlags.DollarEndOnly) ? "\\z" : "\\Z", pos);
                _atomStart = -1;
                return true;
            case '.':
                _c.Pos++;
                BeginAtom();
                Emit(Has(PcreFlags.DotAll) ? AnyChar : "[^\\n]", pos);
                return true;
            case '*' or '+' or '?':
                _c.Pos++;
                return Quantify(pos, ch == '*' ? "*" : ch == '+' ? "+" : "?");
            case '{':
                if (PcreQuantifier.TryRead(_c, out string? brace))
                {
                    return brace is not null && Quantify(pos, brace);
                }

                _c.Pos++;
                EmitLiteral('{', pos);
                return true;
            default:
                Span<byte> bytes = stackalloc byte[4];
                int n = _c.ReadPatternBytes(bytes);
                for (int i = 0; i < n; i++)
                {
                    EmitLiteral(bytes[i], pos);
                }

                return true;
        }
    }

    private bool SkipExtended(char ch)
    {
        if (ch is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            _c.Pos++;
            return true;
        }

        if (ch == '#')
        {
            int nl = _c.Text.IndexOf('\n', _c.Pos);
            _c.Pos = nl < 0 ? _c.Text.Length : nl + 1;
            return true;
        }

        return false;
    }

    private bool Escape()
    {
        int pos = _c.Pos;
        if (!PcreEscapeParser.Read(_c, inClass: false, _groups, out var e))
        {
            return false;
        }

        switch (e.Kind)
        {
            case PcreEscapeKind.Literal:
                EmitLiteral(e.Value, pos);
                return true;
            case PcreEscapeKind.Set:
                BeginAtom();
                e.Set.AppendTo(_out);
                Map(pos);
                return true;
            case PcreEscapeKind.Assertion:
                Emit(e.Text!, pos);
                _atomStart = -1;
                return true;
            case PcreEscapeKind.Atom:
                BeginAtom();
                Emit(e.Text!, pos);
                return true;
            case PcreEscapeKind.BackReference:
                int number = e.Text is null ? e.Value : _groups - e.Value + 1;
                if (number <= 0)
                {
                    return _c.Fail("relative reference points before the first group", pos);
                }

                return BackReference(number, pos);
            case PcreEscapeKind.NamedReference:
                return NamedReference(e.Text!, pos);
            case PcreEscapeKind.QuoteStart:
                Span<byte> bytes = stackalloc byte[4];
                while (!_c.AtEnd && !_c.StartsWith("\\E"))
                {
                    int at = _c.Pos;
                    int n = _c.ReadPatternBytes(bytes);
                    for (int i = 0; i < n; i++)
                    {
                        EmitLiteral(bytes[i], at);
                    }
                }

                _c.Pos = Math.Min(_c.Pos + 2, _c.Text.Length);
                return true;
            default:
                return true;
        }
    }

    private bool BackReference(int number, int pos)
    {
        _refs.Add((number, pos));
        BeginAtom();
        string n = number.ToString(CultureInfo.InvariantCulture);

        // .NET folds case by Unicode for back references; PCRE folds ASCII only, so only a byte pair like
        // 0xC0/0xE0 can differ, and only under (?i). Documented over-match.
        Emit(Has(PcreFlags.Caseless) ? "(?i:\\k<" + n + ">)" : "\\k<" + n + ">", pos);
        return true;
    }

    private bool NamedReference(string name, int pos)
    {
        if (_names.TryGetValue(name, out int number) || (_allNames?.TryGetValue(name, out number) ?? false))
        {
            return BackReference(number, pos);
        }

        if (_allNames is not null)
        {
            return _c.Fail($"reference to non-existent group name '{name}'", pos);
        }

        _unresolvedName = true;
        BeginAtom();
        Emit("(?:)", pos);
        return true;
    }

    private bool Quantify(int pos, string quantifier)
    {
        if (_atomStart < 0)
        {
            return _c.Fail("quantifier does not follow a repeatable item", pos);
        }

        bool lazy = false;
        bool possessive = false;
        if (_c.Peek() == '?')
        {
            lazy = true;
            _c.Pos++;
        }
        else if (_c.Peek() == '+')
        {
            possessive = true;
            _c.Pos++;
        }

        if (possessive)
        {
            // a*+ is (?>a*): PCRE's possessive quantifier is an atomic group around the repeated item.
            _out.Insert(_atomStart, "(?>");
            _map.InsertRange(_atomStart, [pos, pos, pos]);
            Emit(quantifier + ")", pos);
        }
        else
        {
            // G / (?U) invert greediness: plain becomes lazy, '?'-suffixed becomes greedy.
            Emit(lazy != Has(PcreFlags.Ungreedy) ? quantifier + "?" : quantifier, pos);
        }

        _atomStart = -1;
        return true;
    }

    private bool OpenGroup()
    {
        int pos = _c.Pos;
        if (_c.Peek(1) == '*')
        {
            return _c.Fail("backtracking verbs and start options (*...) are not supported", pos);
        }

        if (_c.Peek(1) != '?')
        {
            _c.Pos++;
            _groups++;
            return Push(pos, "(", assertion: false);
        }

        _c.Pos += 2;
        char k = _c.Peek();
        switch (k)
        {
            case '#':
                int close = _c.Text.IndexOf(')', _c.Pos);
                if (close < 0)
                {
                    return _c.Fail("missing ) after (?# comment", pos);
                }

                _c.Pos = close + 1;
                return true;
            case ':':
                _c.Pos++;
                return Push(pos, "(?:", assertion: false);
            case '>':
                _c.Pos++;
                return Push(pos, "(?>", assertion: false);
            case '=' or '!':
                _c.Pos++;
                return Push(pos, k == '=' ? "(?=" : "(?!", assertion: true);
            case '<' when _c.Peek(1) is '=' or '!':
                _c.Pos += 2;
                return Push(pos, _c.Text[_c.Pos - 1] == '=' ? "(?<=" : "(?<!", assertion: true);
            case '<':
                _c.Pos++;
                return NamedGroup(pos, '>');
            case '\'':
                _c.Pos++;
                return NamedGroup(pos, '\'');
            case 'P':
                return PythonGroup(pos);
            case '(':
                return PcreConditional.Open(this, _c, pos);
            case '|':
                return _c.Fail("branch reset groups (?|...) are not supported", pos);
            case '&' or 'R' or '+' or (>= '0' and <= '9'):
                return _c.Fail("recursion and subroutine calls are not supported", pos);
            case '-' when char.IsAsciiDigit(_c.Peek(1)):
                return _c.Fail("recursion and subroutine calls are not supported", pos);
            default:
                return InlineOptions(pos);
        }
    }

    private bool PythonGroup(int pos)
    {
        char k = _c.Peek(1);
        _c.Pos += 2;
        switch (k)
        {
            case '<':
                return NamedGroup(pos, '>');
            case '=':
                string? name = _c.ReadName(')');
                return name is not null && NamedReference(name, pos);
            case '>':
                return _c.Fail("(?P>name) recursion is not supported", pos);
            default:
                return _c.Fail("unrecognized character after (?P", pos);
        }
    }

    private bool NamedGroup(int pos, char terminator)
    {
        string? name = _c.ReadName(terminator);
        if (name is null)
        {
            return false;
        }

        if (!_names.TryAdd(name, _groups + 1))
        {
            return _c.Fail($"duplicate group name '{name}'", pos);
        }

        // Emitted unnamed: .NET numbers named groups after all unnamed ones, PCRE numbers them in order.
        _groups++;
        return Push(pos, "(", assertion: false);
    }

    private bool InlineOptions(int pos)
    {
        var flags = _flags;
        bool off = false;
        while (true)
        {
            char o = _c.Peek();
            _c.Pos++;
            PcreFlags f;
            switch (o)
            {
                case ')':
                    _flags = flags;
                    _atomStart = -1;
                    return true;
                case ':':
                    var saved = _flags;
                    _flags = flags;
                    return Push(pos, "(?:", assertion: false, saved);
                case '-' when !off:
                    off = true;
                    continue;
                case '^' when !off && _c.Text[_c.Pos - 2] == '?':
                    flags &= ~(PcreFlags.Caseless | PcreFlags.DotAll | PcreFlags.Multiline | PcreFlags.Extended);
                    continue;
                case 'i': f = PcreFlags.Caseless; break;
                case 's': f = PcreFlags.DotAll; break;
                case 'm': f = PcreFlags.Multiline; break;
                case 'x': f = PcreFlags.Extended; break;
                case 'U': f = PcreFlags.Ungreedy; break;
                case 'X': f = PcreFlags.None; break;
                case 'J': return _c.Fail("(?J) duplicate group names are not supported", _c.Pos - 1);
                case 'n': return _c.Fail("(?n) no-auto-capture is not supported", _c.Pos - 1);
                case '\0' when _c.Pos > _c.Text.Length: return _c.Fail("missing ) after (? options", pos);
                default: return _c.Fail($"unrecognized character after (? or (?-: '{o}'", _c.Pos - 1);
            }

            if (o == 'x' && _c.Peek() == 'x')
            {
                return _c.Fail("(?xx) is not supported", _c.Pos - 1);
            }

            flags = off ? flags & ~f : flags | f;
        }
    }

    /// <summary>Opens a group frame; the flags in force are restored when it closes.</summary>
    internal bool Push(int pos, string text, bool assertion, PcreFlags? saved = null)
    {
        _stack.Add(new Frame(saved ?? _flags, _out.Length, assertion, pos));
        Emit(text, pos);
        _atomStart = -1;
        return true;
    }

    /// <summary>Records a group-number condition so it is checked against the final group count.</summary>
    internal void AddConditionReference(int number, int pos) => _refs.Add((number, pos));

    internal bool TryResolveName(string name, out int number) =>
        _names.TryGetValue(name, out number) || (_allNames?.TryGetValue(name, out number) ?? false) || ResolveLater(out number);

    private bool ResolveLater(out int number)
    {
        number = 0;
        if (_allNames is not null)
        {
            return false;
        }

        _unresolvedName = true;
        return true;
    }

    internal void Emit(string s, int src)
    {
        _out.Append(s);
        for (int i = 0; i < s.Length; i++)
        {
            _map.Add(src);
        }
    }

    private bool CloseGroup()
    {
        int pos = _c.Pos;
        if (_stack.Count == 0)
        {
            return _c.Fail("unmatched closing parenthesis", pos);
        }

        _c.Pos++;
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        Emit(")", pos);
        _flags = frame.Saved;
        _atomStart = frame.Assertion ? -1 : frame.OutStart;
        return true;
    }

    private void BeginAtom() => _atomStart = _out.Length;

    private void Map(int src)
    {
        while (_map.Count < _out.Length)
        {
            _map.Add(src);
        }
    }

    private void EmitLiteral(int b, int src)
    {
        BeginAtom();
        if (Has(PcreFlags.Caseless) && char.IsAsciiLetter((char)b))
        {
            _out.Append('[').Append((char)(b & ~0x20)).Append((char)(b | 0x20)).Append(']');
        }
        else if (char.IsAsciiLetterOrDigit((char)b))
        {
            _out.Append((char)b);
        }
        else
        {
            _out.Append("\\x").Append(ByteSet.HexDigit(b >> 4)).Append(ByteSet.HexDigit(b & 15));
        }

        Map(src);
    }

    private readonly record struct Frame(PcreFlags Saved, int OutStart, bool Assertion, int SourcePos);
}
