namespace RustIds.Rules.Management;

/// <summary>One rule as it appears in a rule file: where it is, its text and whether it is active.</summary>
/// <param name="File">The rule file the line came from (path or name); group matchers look at its base name.</param>
/// <param name="Line">The 1-based line number of the rule's first physical line.</param>
/// <param name="Text">The rule text without the leading <c>#</c> characters of a commented-out rule.</param>
/// <param name="Enabled">True for an active rule, false for a commented-out one.</param>
/// <remarks>
/// Immutable: <see cref="RuleManagementPolicy.Apply"/> returns a new instance when it changes a rule and the same
/// instance when it does not.
/// </remarks>
public sealed record RuleLine(string File, int Line, string Text, bool Enabled)
{
    /// <summary>Formats the line as it would be written back to a rule file.</summary>
    /// <returns>The text, prefixed with <c>"# "</c> when the rule is disabled (suricata-update's output form).</returns>
    public string ToFileText() => Enabled ? Text : "# " + Text;
}
