using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>The open blocks in memory, by target: what the manager decides against without a query per verdict.</summary>
/// <remarks>
/// A mirror of the store's open rows, reloaded from it at every reconciliation (so blocks added by
/// another process, such as <c>rustids block add</c>, are picked up). Also counts blocked single
/// addresses per aggregation prefix. Not thread-safe: only the manager's batch loop uses it.
/// </remarks>
internal sealed class ActiveBlockTable
{
    private readonly Dictionary<Cidr, BlockRecord> _byTarget = [];
    private readonly Dictionary<Cidr, HashSet<Cidr>> _membersByPrefix = [];
    private readonly List<Cidr> _prefixes = [];
    private readonly int _v4AggregateLength;
    private readonly int _v6AggregateLength;

    public ActiveBlockTable(int v4AggregateLength, int v6AggregateLength)
    {
        _v4AggregateLength = v4AggregateLength;
        _v6AggregateLength = v6AggregateLength;
    }

    public int Count => _byTarget.Count;

    public IEnumerable<BlockRecord> Records => _byTarget.Values;

    public BlockRecord? Get(Cidr target) => _byTarget.GetValueOrDefault(target);

    /// <summary>The aggregation prefix of a single address.</summary>
    public Cidr AggregatePrefixOf(Cidr address) =>
        new(address.Network, address.Network.IsV4 ? _v4AggregateLength : _v6AggregateLength);

    /// <summary>Blocked single addresses inside <paramref name="prefix"/> (an aggregation prefix).</summary>
    public IReadOnlyCollection<Cidr> MembersOf(Cidr prefix) =>
        _membersByPrefix.TryGetValue(prefix, out var members) ? members : [];

    /// <summary>An active prefix record with action <paramref name="action"/> covering <paramref name="target"/>, other than itself.</summary>
    public BlockRecord? CoveringPrefix(Cidr target, FirewallAction action)
    {
        foreach (var prefix in _prefixes)
        {
            if (prefix != target && prefix.PrefixLength <= target.PrefixLength && prefix.Contains(target.Network)
                && _byTarget[prefix].Action == action)
            {
                return _byTarget[prefix];
            }
        }
        return null;
    }

    /// <summary>An active prefix overlapping <paramref name="target"/> (either contains the other), other than itself.</summary>
    public BlockRecord? OverlappingPrefix(Cidr target, FirewallAction action)
    {
        foreach (var prefix in _prefixes)
        {
            if (prefix != target && prefix.Network.Family == target.Network.Family
                && (prefix.Contains(target.Network) || target.Contains(prefix.Network))
                && _byTarget[prefix].Action == action)
            {
                return _byTarget[prefix];
            }
        }
        return null;
    }

    /// <summary>The active record with the lowest score (oldest among equals).</summary>
    public BlockRecord? LowestScore()
    {
        BlockRecord? lowest = null;
        foreach (var record in _byTarget.Values)
        {
            if (lowest is null || record.Score < lowest.Score || (record.Score == lowest.Score && record.CreatedAt < lowest.CreatedAt))
                lowest = record;
        }
        return lowest;
    }

    /// <summary>Sets (or with null, removes) the record of <paramref name="target"/>.</summary>
    public void Set(Cidr target, BlockRecord? record)
    {
        if (_byTarget.Remove(target, out var old))
            Untrack(old);
        if (record is null)
            return;
        _byTarget[target] = record;
        Track(record);
    }

    public void Clear()
    {
        _byTarget.Clear();
        _membersByPrefix.Clear();
        _prefixes.Clear();
    }

    private void Track(BlockRecord record)
    {
        if (!FirewallTarget.IsSingleAddress(record.Target))
        {
            _prefixes.Add(record.Target);
            return;
        }
        if (record.Action != FirewallAction.Block)
            return;
        var prefix = AggregatePrefixOf(record.Target);
        if (!_membersByPrefix.TryGetValue(prefix, out var members))
            _membersByPrefix[prefix] = members = [];
        members.Add(record.Target);
    }

    private void Untrack(BlockRecord record)
    {
        if (!FirewallTarget.IsSingleAddress(record.Target))
        {
            _prefixes.Remove(record.Target);
            return;
        }
        if (record.Action != FirewallAction.Block)
            return;
        var prefix = AggregatePrefixOf(record.Target);
        if (_membersByPrefix.TryGetValue(prefix, out var members) && members.Remove(record.Target) && members.Count == 0)
            _membersByPrefix.Remove(prefix);
    }
}
