using System.Runtime.CompilerServices;
namespace RustIds.Rules.Management;

/// <summary>Walks the <c>name:value;</c> options of one rule text without allocating.</summary>
/// <remarks>
/// An option ends at the first <c>;</c> not preceded by a backslash, the rule that Suricata's own parser uses
/// (quotes do not protect a semicolon, so <c>content:"a;b"</c> is not valid rule text anyway).
/// </remarks>
internal ref struct RuleOptionEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private readonly int _end;
    private int _position;
    private int _valueStart;
    private int _valueLength;

    /// <summary>Initializes an enumerator over the option list between the first <c>(</c> and the last <c>)</c>.</summary>
    /// <param name="ruleText">The whole rule text.</param>
    public RuleOptionEnumerator(ReadOnlySpan<char> ruleText)
    {
        _text = ruleText;
        int open = ruleText.IndexOf('(');
        int close = ruleText.LastIndexOf(')');
        (_position, _end) = open >= 0 && close > open ? (open + 1, close) : (0, 0);
        Name = [];
    }

    /// <summary>Gets the current option name, trimmed.</summary>
    public ReadOnlySpan<char> Name { get; private set; }

    /// <summary>Gets the current option value, trimmed; empty for options without a value.</summary>
    public readonly ReadOnlySpan<char> Value => _text.Slice(_valueStart, _valueLength);

    /// <summary>Gets the offset of <see cref="Value"/> in the rule text.</summary>
    public readonly int ValueStart => _valueStart;

    /// <summary>Moves to the next option.</summary>
    /// <returns>True when an option is available.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        while (_position < _end)
        {
            int start = _position;
            int length = FindOptionEnd(_text[start.._end]);
            _position = length < 0 ? _end : start + length + 1;
            ReadOnlySpan<char> option = _text.Slice(start, length < 0 ? _end - start : length);
            int lead = option.Length - option.TrimStart().Length;
            option = option.Trim();
            if (option.IsEmpty)
            {
                continue;
            }

            int colon = option.IndexOf(':');
            if (colon < 0)
            {
                Name = option;
                (_valueStart, _valueLength) = (0, 0);
                return true;
            }

            Name = option[..colon].TrimEnd();
            ReadOnlySpan<char> raw = option[(colon + 1)..];
            ReadOnlySpan<char> value = raw.Trim();
            _valueStart = start + lead + colon + 1 + (raw.Length - raw.TrimStart().Length);
            _valueLength = value.Length;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindOptionEnd(ReadOnlySpan<char> text)
    {
        int offset = 0;
        while (true)
        {
            int i = text[offset..].IndexOfAny(';', '\\');
            if (i < 0)
            {
                return -1;
            }

            offset += i;
            if (text[offset] == ';')
            {
                return offset;
            }

            offset += 2; // skip the escaped character
            if (offset >= text.Length)
            {
                return -1;
            }
        }
    }
}
