namespace RustIds.Rules.Thresholds;

/// <summary>One <c>key value</c> part of a comma-separated option list, as offsets into the source text.</summary>
/// <param name="KeyStart">Offset of the key.</param>
/// <param name="KeyLength">Length of the key.</param>
/// <param name="ValueStart">Offset of the value (trimmed).</param>
/// <param name="ValueLength">Length of the value (trimmed).</param>
internal readonly record struct OptionPart(int KeyStart, int KeyLength, int ValueStart, int ValueLength)
{
    public ReadOnlySpan<char> Key(string text) => text.AsSpan(KeyStart, KeyLength);

    public ReadOnlySpan<char> Value(string text) => text.AsSpan(ValueStart, ValueLength);
}
