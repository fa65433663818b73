using RustIds.Packets.AppLayer;

namespace RustIds.Packets.Processing;

/// <summary>App-layer facts of one worker: flows per detected protocol, detection failures, transactions per protocol.</summary>
/// <remarks>One writer (the worker thread); readers see values at most one packet old.</remarks>
public sealed class AppLayerCounters
{
    private readonly long[] _flows = new long[256];
    private readonly long[] _transactions = new long[256];

    /// <summary>Flows whose data matched no known protocol.</summary>
    public long DetectionFailed { get; private set; }

    /// <summary>Flows detected as <paramref name="protocol"/>.</summary>
    public long Flows(AppProtocol protocol) => _flows[(int)protocol];

    /// <summary>Transactions (HTTP request/response pairs, DNS messages, TLS handshake messages, …) of <paramref name="protocol"/>.</summary>
    public long Transactions(AppProtocol protocol) => _transactions[(int)protocol];

    internal void CountDetected(AppProtocol protocol) => _flows[(int)protocol]++;

    internal void CountFailed() => DetectionFailed++;

    internal void CountTransaction(AppProtocol protocol) => _transactions[(int)protocol]++;
}
