namespace RustIds.Testing;

/// <summary>The attack and benign captures of <c>scripts/gen-scenarios.py</c>, generated once for the test class.</summary>
public sealed class ScenarioCaptures : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ScenarioCaptures()
    {
        if (!GeneratedCapture.CanGenerate)
            return;
        Tool.RunChecked(GeneratedCapture.Python, Path.Combine(RepoPaths.Root, "scripts", "gen-scenarios.py"), "--out", _directory.Path);
        Generated = true;
    }

    public bool Generated { get; }

    public string PathOf(string name) => Path.Combine(_directory.Path, name + ".pcap");

    public void Dispose() => _directory.Dispose();
}
