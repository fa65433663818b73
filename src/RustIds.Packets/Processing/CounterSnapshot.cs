namespace RustIds.Packets.Processing;

/// <summary>A point-in-time copy of counters, grouped (<c>decode</c>, <c>flows</c>, <c>http</c> …), in the order they were added.</summary>
/// <remarks>What <c>rustids replay --stats</c> prints and <c>--json</c> serialises; built off the hot path, after or between runs.</remarks>
public sealed class CounterSnapshot
{
    private readonly List<CounterGroup> _groups = [];

    public IReadOnlyList<CounterGroup> Groups => _groups;

    /// <summary>Adds <paramref name="value"/> under <paramref name="group"/>/<paramref name="name"/>; values of a repeated name are summed (several workers).</summary>
    public void Add(string group, string name, long value)
    {
        var target = _groups.Find(g => g.Name == group);
        if (target is null)
        {
            target = new CounterGroup(group);
            _groups.Add(target);
        }
        target.Add(name, value);
    }

    /// <summary>The value of <paramref name="group"/>/<paramref name="name"/>, or 0 when it was never added.</summary>
    public long Get(string group, string name) => _groups.Find(g => g.Name == group)?.Get(name) ?? 0;
}
