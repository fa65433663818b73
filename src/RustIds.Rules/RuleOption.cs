namespace RustIds.Rules;

/// <summary>One <c>keyword[:value];</c> item of a rule's option list, with offsets into the rule text.</summary>
/// <param name="Keyword">The keyword as written.</param>
/// <param name="KeywordAt">Offset of the keyword.</param>
/// <param name="Value">The raw value (escapes kept), or null for a bare keyword.</param>
/// <param name="ValueAt">Offset of the value's first character.</param>
internal sealed record RuleOption(string Keyword, int KeywordAt, string? Value, int ValueAt);
