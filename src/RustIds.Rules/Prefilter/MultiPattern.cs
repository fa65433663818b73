namespace RustIds.Rules.Prefilter;

/// <summary>One literal for a multi-pattern prefilter.</summary>
/// <param name="Id">Dense id, 0..N-1, reported when the pattern occurs.</param>
/// <param name="Bytes">The literal (any bytes, at least one).</param>
/// <param name="NoCase">ASCII letters match either case; other bytes match exactly.</param>
public sealed record MultiPattern(int Id, byte[] Bytes, bool NoCase);
