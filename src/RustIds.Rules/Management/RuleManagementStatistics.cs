namespace RustIds.Rules.Management;

/// <summary>Counts of what a <see cref="RuleManagementPolicy"/> did, overall and per entry.</summary>
/// <remarks>Updated by <see cref="RuleManagementPolicy.Apply"/>; not thread-safe (one writer).</remarks>
public sealed class RuleManagementStatistics
{
    private readonly RuleManagementEntry[] _entries;

    /// <summary>Initializes the statistics for a policy's entries.</summary>
    /// <param name="entries">Every entry of the policy, in stage and file order.</param>
    internal RuleManagementStatistics(RuleManagementEntry[] entries) => _entries = entries;

    /// <summary>Gets every entry of the policy with its hit counts.</summary>
    public IReadOnlyList<RuleManagementEntry> Entries => _entries;

    /// <summary>Gets the number of lines passed to <see cref="RuleManagementPolicy.Apply"/>.</summary>
    public long RulesSeen { get; internal set; }

    /// <summary>Gets the number of lines that were not rules (left untouched).</summary>
    public long NotRules { get; internal set; }

    /// <summary>Gets the number of commented-out rules that became active (net).</summary>
    public long RulesEnabled { get; internal set; }

    /// <summary>Gets the number of active rules that were commented out (net).</summary>
    public long RulesDisabled { get; internal set; }

    /// <summary>Gets the number of rules whose text modify.conf changed.</summary>
    public long RulesModified { get; internal set; }

    /// <summary>Gets the number of rules whose action drop.conf rewrote to <c>drop</c>.</summary>
    public long RulesDropped { get; internal set; }

    /// <summary>Gets the number of modifications discarded because the result was no longer a rule.</summary>
    public long ModificationsRejected { get; internal set; }

    /// <summary>Gets the number of regex evaluations that timed out.</summary>
    /// <remarks>See <see cref="RuleManagementOptions.RegexMatchTimeout"/>; a timed-out match counts as no match.</remarks>
    public long RegexTimeouts { get; internal set; }

    /// <summary>Lists the entries that selected no rule.</summary>
    /// <returns>The entries with <see cref="RuleManagementEntry.Hits"/> equal to 0, in order.</returns>
    public IReadOnlyList<RuleManagementEntry> GetEntriesWithoutHits()
    {
        var unused = new List<RuleManagementEntry>();
        foreach (RuleManagementEntry entry in _entries)
        {
            if (entry.Hits == 0)
            {
                unused.Add(entry);
            }
        }

        return unused;
    }

    /// <summary>Sets every counter, including the per-entry counts, back to zero.</summary>
    public void Reset()
    {
        RulesSeen = NotRules = RulesEnabled = RulesDisabled = 0;
        RulesModified = RulesDropped = ModificationsRejected = RegexTimeouts = 0;
        foreach (RuleManagementEntry entry in _entries)
        {
            entry.Hits = 0;
            entry.Changes = 0;
        }
    }
}
