namespace RustIds.Detection.Behaviour;

/// <summary>Collects invalid detector settings by key, so all of them are reported at once.</summary>
public sealed class OptionProblems
{
    private readonly List<KeyValuePair<string, string>> _all = [];

    public IReadOnlyList<KeyValuePair<string, string>> All => _all;

    public void Check(bool ok, string key, string message)
    {
        if (!ok)
            _all.Add(new(key, message));
    }

    public void Count(int value, int min, int max, string key) =>
        Check(value >= min && value <= max, key, $"must be between {min} and {max}");

    public void Window(TimeSpan value, TimeSpan min, TimeSpan max, string key) =>
        Check(value >= min && value <= max, key, $"must be between {min:c} and {max:c}");
}
