namespace RustIds.Rules.Pcre;

/// <summary>A PCRE pattern rewritten as .NET regular expression text.</summary>
/// <param name="Pattern">.NET pattern; every group is unnamed so .NET numbers groups exactly like PCRE.</param>
/// <param name="GroupCount">Number of capturing groups.</param>
/// <param name="GroupNames">PCRE group names and their numbers.</param>
/// <param name="SourceOffsets">For each character of <paramref name="Pattern"/>, the index in the PCRE text it came from.</param>
internal sealed record PcreTranslation(string Pattern, int GroupCount, IReadOnlyDictionary<string, int> GroupNames, int[] SourceOffsets);
