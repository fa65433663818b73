namespace RustIds.Rules.Thresholds;

/// <summary>Splits <c>key value, key value, ...</c> into parts, keeping offsets for error messages.</summary>
/// <remarks>Commas inside <c>[...]</c> do not split, so an <c>ip [a,b]</c> list stays one value. Operator input, not the hot path.</remarks>
internal static class OptionSplitter
{
    /// <summary>Splits <paramref name="text"/> from <paramref name="start"/> to <paramref name="end"/> into <paramref name="parts"/>.</summary>
    public static bool TrySplit(string text, int start, int end, List<OptionPart> parts, out string? error, out int errorOffset)
    {
        var partStart = start;
        var depth = 0;
        for (var i = start; i <= end; i++)
        {
            var atEnd = i == end;
            var c = atEnd ? ',' : text[i];
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                if (--depth < 0)
                {
                    error = "unbalanced ']'";
                    errorOffset = i;
                    return false;
                }
            }
            else if (c == ',' && (depth == 0 || atEnd))
            {
                if (atEnd && depth > 0)
                {
                    error = "missing ']'";
                    errorOffset = end;
                    return false;
                }
                if (!TryParsePart(text, partStart, i, out var part, out error, out errorOffset))
                    return false;
                parts.Add(part);
                partStart = i + 1;
            }
        }
        error = null;
        errorOffset = -1;
        return true;
    }

    private static bool TryParsePart(string text, int start, int end, out OptionPart part, out string? error, out int errorOffset)
    {
        part = default;
        var i = SkipSpace(text, start, end);
        if (i == end)
        {
            error = "empty option";
            errorOffset = Math.Min(i, text.Length);
            return false;
        }
        var keyStart = i;
        while (i < end && IsKeyChar(text[i]))
            i++;
        if (i == keyStart)
        {
            error = $"expected an option name, found '{text[i]}'";
            errorOffset = i;
            return false;
        }
        var keyEnd = i;
        i = SkipSpace(text, i, end);
        var valueEnd = end;
        while (valueEnd > i && char.IsWhiteSpace(text[valueEnd - 1]))
            valueEnd--;
        if (i >= valueEnd)
        {
            error = $"option '{text[keyStart..keyEnd]}' needs a value";
            errorOffset = keyStart;
            return false;
        }
        if (i == keyEnd)
        {
            error = $"expected a space between '{text[keyStart..keyEnd]}' and its value";
            errorOffset = i;
            return false;
        }
        part = new OptionPart(keyStart, keyEnd - keyStart, i, valueEnd - i);
        error = null;
        errorOffset = -1;
        return true;
    }

    private static int SkipSpace(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
            i++;
        return i;
    }

    private static bool IsKeyChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
