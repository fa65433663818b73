namespace RustIds.Rules.Pcre;

/// <summary>Read position in a PCRE pattern plus the first error found, shared by the translator parts.</summary>
internal sealed class PatternCursor
{
    public PatternCursor(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public int Pos { get; set; }

    public string? Error { get; private set; }

    /// <summary>Index into <see cref="Text"/> of the character the error is about.</summary>
    public int ErrorPos { get; private set; }

    public bool AtEnd => Pos >= Text.Length;

    public char Peek(int ahead = 0) => Pos + ahead < Text.Length ? Text[Pos + ahead] : '\0';

    public bool HasAt(int ahead, char c) => Pos + ahead < Text.Length && Text[Pos + ahead] == c;

    public bool StartsWith(string s) => string.CompareOrdinal(Text, Pos, s, 0, s.Length) == 0;

    /// <summary>Records the first error and returns false so callers can <c>return c.Fail(...)</c>.</summary>
    public bool Fail(string message, int pos)
    {
        if (Error is null)
        {
            Error = message;
            ErrorPos = Math.Clamp(pos, 0, Math.Max(0, Text.Length - 1));
        }

        return false;
    }

    /// <summary>Reads the bytes of the (possibly non-ASCII) pattern character at <see cref="Pos"/> and advances.</summary>
    /// <remarks>
    /// PCRE in Suricata runs without UTF mode and sees the rule file's UTF-8 bytes, so a non-ASCII character in
    /// the pattern stands for its UTF-8 byte sequence.
    /// </remarks>
    public int ReadPatternBytes(Span<byte> bytes)
    {
        char ch = Text[Pos];
        if (ch < 0x80)
        {
            Pos++;
            bytes[0] = (byte)ch;
            return 1;
        }

        int len = char.IsHighSurrogate(ch) && Pos + 1 < Text.Length && char.IsLowSurrogate(Text[Pos + 1]) ? 2 : 1;
        int n = System.Text.Encoding.UTF8.GetBytes(Text.AsSpan(Pos, len), bytes);
        Pos += len;
        return n;
    }

    /// <summary>Reads a group name (<c>[A-Za-z_][A-Za-z0-9_]*</c>) ending at <paramref name="terminator"/>, which is consumed.</summary>
    public string? ReadName(char terminator)
    {
        int start = Pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Text[Pos]) || Text[Pos] == '_'))
        {
            Pos++;
        }

        if (Pos == start || char.IsAsciiDigit(Text[start]))
        {
            Fail("group name must start with a letter or underscore", start);
            return null;
        }

        if (Peek() != terminator)
        {
            Fail($"syntax error in group name: expected '{terminator}'", Pos);
            return null;
        }

        string name = Text.Substring(start, Pos - start);
        Pos++;
        return name;
    }
}
