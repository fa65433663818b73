namespace RustIds.Engine.Pipeline;

/// <summary>Disposes every non-null item of an array filled after it was created (per-worker resources).</summary>
internal sealed class DisposeAll(IDisposable?[] items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
            item?.Dispose();
    }
}
