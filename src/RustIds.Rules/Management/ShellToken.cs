namespace RustIds.Rules.Management;

/// <summary>One word of a modify.conf line after shell-style quote removal.</summary>
/// <param name="Value">The word with quotes and escapes removed.</param>
/// <param name="Column">The 1-based column where the word starts in its line.</param>
/// <param name="ValueColumn">The 1-based column of the first character of the value (after an opening quote).</param>
internal readonly record struct ShellToken(string Value, int Column, int ValueColumn);
