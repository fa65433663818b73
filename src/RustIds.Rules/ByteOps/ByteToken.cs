namespace RustIds.Rules.ByteOps;

/// <summary>One trimmed, comma-separated argument of a keyword value and where it starts.</summary>
/// <param name="Text">Argument text without surrounding whitespace.</param>
/// <param name="Offset">Index of the first character of <paramref name="Text"/> in the keyword value.</param>
internal readonly record struct ByteToken(string Text, int Offset)
{
    /// <summary>Splits <c>key rest</c> at the first whitespace; <paramref name="rest"/> is empty when there is none.</summary>
    public void SplitKeyValue(out ByteToken key, out ByteToken rest)
    {
        int space = 0;
        while (space < Text.Length && !char.IsWhiteSpace(Text[space]))
        {
            space++;
        }

        key = new ByteToken(Text[..space], Offset);
        int valueStart = space;
        while (valueStart < Text.Length && char.IsWhiteSpace(Text[valueStart]))
        {
            valueStart++;
        }

        rest = new ByteToken(Text[valueStart..], Offset + valueStart);
    }

    /// <summary>Returns whether the text equals <paramref name="word"/>, ignoring ASCII case.</summary>
    public bool Is(string word) => Text.Equals(word, StringComparison.OrdinalIgnoreCase);
}
