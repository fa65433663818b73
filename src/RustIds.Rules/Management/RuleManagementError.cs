namespace RustIds.Rules.Management;

/// <summary>A problem in a rule management file, reported like a compiler diagnostic.</summary>
/// <param name="File">The file name or path the problem is in.</param>
/// <param name="Line">The 1-based line number; 0 when the problem concerns the whole file.</param>
/// <param name="Column">The 1-based column where the problem starts; 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RuleManagementError(string File, int Line, int Column, string Message)
{
    /// <summary>Formats the error as <c>file:line:column: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
