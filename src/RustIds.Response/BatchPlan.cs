using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>One batch being planned: the state changes (store rows) and the firewall changes they need.</summary>
/// <remarks>
/// Planning updates the in-memory table as it goes, so later operations of the same batch see
/// earlier ones. Each target appears once in <see cref="States"/> (later changes fold into the
/// first), which makes the store writes unambiguous and the undo exact.
/// </remarks>
internal sealed class BatchPlan
{
    private readonly ActiveBlockTable _table;
    private readonly Dictionary<Cidr, StateChange> _byTarget = [];

    public BatchPlan(ActiveBlockTable table, DateTimeOffset now)
    {
        _table = table;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    public List<StateChange> States { get; } = [];

    public List<FirewallChange> Firewall { get; } = [];

    /// <summary>Targets newly blocked by this batch (for conntrack).</summary>
    public List<Cidr> NewlyBlocked { get; } = [];

    public bool IsEmpty => States.Count == 0 && Firewall.Count == 0;

    /// <summary>Records that <paramref name="target"/> now has <paramref name="after"/> (null: closed for <paramref name="closeReason"/>).</summary>
    public StateChange Set(Cidr target, BlockRecord? after, string? closeReason = null)
    {
        if (!_byTarget.TryGetValue(target, out var change))
        {
            change = new StateChange(target, _table.Get(target));
            _byTarget[target] = change;
            States.Add(change);
        }
        change.After = after;
        if (closeReason is not null)
            change.CloseReason = closeReason;
        _table.Set(target, after);
        return change;
    }

    /// <summary>Puts the in-memory table back as it was before this batch.</summary>
    public void UndoInMemory()
    {
        for (var i = States.Count - 1; i >= 0; i--)
            _table.Set(States[i].Target, States[i].Before);
    }

    /// <summary>Writes the batch's rows; new rows get their ids (in the change and the table).</summary>
    public void WriteTo(BlockStore store)
    {
        foreach (var change in States)
        {
            var before = change.Before;
            var after = change.After;
            if (before is not null && (after is null || after.Id != before.Id))
                store.MarkRemoved(before.Id, change.CloseReason ?? "replaced", Now);
            if (after is null)
                continue;
            if (after.Id == 0 || (before is not null && after.Id != before.Id))
            {
                change.After = after with { Id = store.Add(after with { Id = 0 }) };
                change.Inserted = true;
                _table.Set(change.Target, change.After);
            }
            else
            {
                store.Update(after);
            }
        }
    }

    /// <summary>Undoes <see cref="WriteTo"/> after the firewall refused the batch.</summary>
    public void RevertIn(BlockStore store)
    {
        foreach (var change in States)
        {
            if (change.After is { } after)
            {
                if (change.Inserted)
                    store.MarkRemoved(after.Id, "apply failed", Now);
                else if (change.Before is { } previous)
                    store.Update(previous);
            }
            if (change.Before is { } before && (change.After is null || change.After.Id != before.Id))
                store.Reopen(before.Id);
        }
    }
}

/// <summary>How one target's open record changes in a batch.</summary>
internal sealed class StateChange(Cidr target, BlockRecord? before)
{
    public Cidr Target { get; } = target;

    /// <summary>The open record before the batch, or null.</summary>
    public BlockRecord? Before { get; } = before;

    /// <summary>The open record after the batch, or null when closed.</summary>
    public BlockRecord? After { get; set; }

    /// <summary>Why <see cref="Before"/> was closed.</summary>
    public string? CloseReason { get; set; }

    /// <summary>True when <see cref="After"/> is a row this batch inserted.</summary>
    public bool Inserted { get; set; }
}
