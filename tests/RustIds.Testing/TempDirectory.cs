namespace RustIds.Testing;

/// <summary>A fresh folder under /tmp for one test, removed on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("rustids-test-").FullName;

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file (a SQLite WAL) for a moment; /tmp is cleaned by the OS anyway.
        }
    }
}
