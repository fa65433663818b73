namespace RustIds.Packets.Processing;

/// <summary>One named group of counters in a <see cref="CounterSnapshot"/>, in insertion order.</summary>
public sealed class CounterGroup(string name)
{
    private readonly List<KeyValuePair<string, long>> _values = [];

    public string Name { get; } = name;

    public IReadOnlyList<KeyValuePair<string, long>> Values => _values;

    internal void Add(string counter, long value)
    {
        var index = _values.FindIndex(v => v.Key == counter);
        if (index < 0)
            _values.Add(new KeyValuePair<string, long>(counter, value));
        else
            _values[index] = new KeyValuePair<string, long>(counter, _values[index].Value + value);
    }

    internal long Get(string counter) => _values.Find(v => v.Key == counter).Value;
}
