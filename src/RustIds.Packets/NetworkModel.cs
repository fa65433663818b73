namespace RustIds.Packets;

/// <summary>
/// A simple model of the link a replayed capture crosses: a fixed delay, a random delay on top of it, and random
/// loss, drawn from a seeded generator so the same seed gives the same replay.
/// </summary>
/// <param name="Latency">Added to every packet's time.</param>
/// <param name="Jitter">Up to this much more, uniformly; the link keeps its order (FIFO), so a packet is never delivered before the one ahead of it.</param>
/// <param name="Loss">Share of packets dropped, 0 to 1.</param>
/// <param name="Seed">Seed of the generator.</param>
public sealed record NetworkModel(TimeSpan Latency, TimeSpan Jitter, double Loss, int Seed)
{
    /// <summary>Why the model is not usable, or null when it is.</summary>
    public string? Problem =>
        Latency < TimeSpan.Zero ? "latency must not be negative"
        : Jitter < TimeSpan.Zero ? "jitter must not be negative"
        : Loss is < 0 or > 1 || double.IsNaN(Loss) ? "loss must be between 0 and 1"
        : null;
}
