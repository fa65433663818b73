namespace RustIds.Reputation.Feeds;

/// <summary>Span helpers shared by the line formats: comments, blanks and tokens.</summary>
internal static class LineText
{
    /// <summary>The line up to a <c>#</c> or <c>;</c> comment.</summary>
    public static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var comment = line.IndexOfAny('#', ';');
        return comment < 0 ? line : line[..comment];
    }

    /// <summary>Index of the first non-blank character at or after <paramref name="index"/>, or the length.</summary>
    public static int SkipBlanks(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
            index++;
        return index;
    }

    /// <summary>Index just past the token (non-blank run) starting at <paramref name="index"/>.</summary>
    public static int TokenEnd(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index]))
            index++;
        return index;
    }

    /// <summary>Index just past the last non-blank character.</summary>
    public static int TrimmedEnd(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }
}
