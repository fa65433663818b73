namespace RustIds.Rules.Management;

/// <summary>One meaningful line of a rule management file.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column where <paramref name="Content"/> starts.</param>
/// <param name="Content">The line without surrounding blanks and without a trailing comment.</param>
internal readonly record struct ConfLine(int Line, int Column, string Content);
