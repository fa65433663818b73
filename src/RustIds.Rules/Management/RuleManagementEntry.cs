namespace RustIds.Rules.Management;

/// <summary>One line of a rule management file and how often it took effect.</summary>
/// <remarks>Use <see cref="Hits"/> to report entries that select nothing (typos, retired sids, renamed files).</remarks>
public sealed class RuleManagementEntry
{
    /// <summary>Initializes an entry.</summary>
    /// <param name="stage">The file kind (and stage) of the entry.</param>
    /// <param name="file">The file name or path.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <param name="text">The entry text without a trailing comment.</param>
    public RuleManagementEntry(RuleManagementStage stage, string file, int line, string text)
    {
        Stage = stage;
        File = file;
        Line = line;
        Text = text;
    }

    /// <summary>Gets the file kind (and stage) of the entry.</summary>
    public RuleManagementStage Stage { get; }

    /// <summary>Gets the file name or path.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line number.</summary>
    public int Line { get; }

    /// <summary>Gets the entry text without a trailing comment.</summary>
    public string Text { get; }

    /// <summary>Gets how many rules the entry's matcher selected at its stage.</summary>
    /// <remarks>
    /// disable.conf entries are tried only on active rules and enable.conf entries only on commented-out rules, and
    /// within those files the first matching entry takes the rule (as suricata-update). drop.conf entries are tried on
    /// rules without <c>noalert</c>; modify.conf entries on every rule.
    /// </remarks>
    public long Hits { get; internal set; }

    /// <summary>Gets how many rules the entry actually changed.</summary>
    /// <remarks>Smaller than <see cref="Hits"/> when, e.g., a drop entry selects a rule that is already <c>drop</c>
    /// or a modify pattern does not occur in a selected rule.</remarks>
    public long Changes { get; internal set; }
}
