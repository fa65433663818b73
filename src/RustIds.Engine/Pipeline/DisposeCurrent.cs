namespace RustIds.Engine.Pipeline;

/// <summary>Disposes whatever rule set is current when the run ends.</summary>
internal sealed class DisposeCurrent(RuleSetHolder holder) : IDisposable
{
    public void Dispose() => holder.Current.Dispose();
}
