using System.Runtime.CompilerServices;
namespace RustIds.Rules.Management;

/// <summary>The matchers of one of enable/disable/drop.conf, with id matchers folded into one hash lookup.</summary>
/// <remarks>
/// Finds the first entry (in file order) that matches a rule: id entries through a dictionary from rule id to the
/// lowest entry index, then only the other entries that come before that index are tried. A 5,000-sid disable.conf
/// therefore costs one lookup per rule instead of 5,000 comparisons.
/// </remarks>
internal sealed class MatcherSet
{
    private readonly RuleManagementEntry[] _entries;
    private readonly RuleMatcher[] _matchers;
    private readonly int[] _others;
    private readonly Dictionary<RuleId, int> _ids = [];

    /// <summary>Initializes the set.</summary>
    /// <param name="entries">The entries, in file order.</param>
    /// <param name="matchers">The matcher of each entry.</param>
    public MatcherSet(RuleManagementEntry[] entries, RuleMatcher[] matchers)
    {
        _entries = entries;
        _matchers = matchers;
        var others = new List<int>();
        for (int i = 0; i < matchers.Length; i++)
        {
            if (matchers[i].Kind != RuleMatcherKind.Ids)
            {
                others.Add(i);
                continue;
            }

            foreach (RuleId id in matchers[i].Ids)
            {
                _ids.TryAdd(id, i);
            }
        }

        _others = [.. others];
    }

    /// <summary>Gets whether the set has no entries.</summary>
    public bool IsEmpty => _matchers.Length == 0;

    /// <summary>Finds the first matching entry.</summary>
    /// <param name="file">The rule's file.</param>
    /// <param name="text">The rule's text.</param>
    /// <param name="facts">What the scanner found in the text.</param>
    /// <param name="statistics">Where regex timeouts are counted.</param>
    /// <returns>The matching entry, or null.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RuleManagementEntry? FindFirst(
        string file, string text, in RuleFacts facts, RuleManagementStatistics statistics)
    {
        int best = int.MaxValue;
        if (facts.HasSid && _ids.Count > 0)
        {
            if (_ids.TryGetValue(new RuleId(facts.Gid, facts.Sid, RuleId.AnyRev), out int index))
            {
                best = index;
            }

            if (facts.Rev >= 0 && _ids.TryGetValue(new RuleId(facts.Gid, facts.Sid, facts.Rev), out index))
            {
                best = Math.Min(best, index);
            }
        }

        foreach (int other in _others)
        {
            if (other > best)
            {
                break;
            }

            if (_matchers[other].IsMatch(file, text, facts, statistics))
            {
                best = other;
                break;
            }
        }

        return best == int.MaxValue ? null : _entries[best];
    }
}
