namespace RustIds.Notify;

/// <summary>Where the response stage hands a notice: the durable outbox in a run, a replay's transcript under a virtual clock.</summary>
public interface INoticeSink
{
    /// <summary>Takes <paramref name="notice"/>; returns at once (never waits for a server).</summary>
    void Enqueue(BlockNotice notice);
}
