namespace RustIds.Packets.Streams;

/// <summary>Limits and policies of TCP stream reassembly, per direction of a flow unless stated otherwise.</summary>
/// <remarks>
/// Validated once at start-up by <see cref="Validate"/> (the <see cref="TcpReassembler"/> constructor rejects
/// invalid options). Every distance is bounded by 2^30 bytes so that serial-number comparisons (RFC 1982)
/// stay unambiguous.
/// </remarks>
public sealed record ReassemblyOptions
{
    /// <summary>Largest value accepted for the byte-window options (2^30).</summary>
    public const int MaxWindowBytes = 1 << 30;

    /// <summary>Bytes delivered per direction before reassembly stops delivering; 0 means no limit.</summary>
    /// <remarks>
    /// Default 1 MiB (Suricata's <c>stream.reassembly.depth</c>). Counts bytes handed to
    /// <see cref="IStreamSink.OnData"/>, not gap bytes. Past the depth, data is counted as skipped and no buffer
    /// is kept for the direction; FIN and RST are still reported.
    /// </remarks>
    public long DepthBytes { get; init; } = 1024 * 1024;

    /// <summary>How far ahead of the next expected byte out-of-order data is buffered, in bytes.</summary>
    /// <remarks>
    /// Default 256 KiB: a few receive windows without scaling, or ~180 full-size segments. A segment that
    /// would end beyond this distance turns the hole before the first buffered segment into a gap
    /// (<see cref="IStreamSink.OnGap"/>) and the stream continues from there. 0 disables out-of-order
    /// buffering: holes are then only closed by the receiver's ACK.
    /// </remarks>
    public int MaxOutOfOrderBytes { get; init; } = 256 * 1024;

    /// <summary>Most separate out-of-order ranges buffered per direction.</summary>
    /// <remarks>
    /// Default 1024. Bounds the per-segment bookkeeping (16 bytes each, sorted array insert) against floods of
    /// tiny disjoint segments; reaching it is handled like <see cref="MaxOutOfOrderBytes"/> overflow.
    /// </remarks>
    public int MaxOutOfOrderSegments { get; init; } = 1024;

    /// <summary>Most already-delivered bytes kept per direction to compare retransmissions against, in bytes.</summary>
    /// <remarks>
    /// Default 32 KiB. Only bytes not yet acknowledged by the receiver are kept (a host never accepts a
    /// retransmission of data it acknowledged), so request/response flows use a few KiB. A retransmission of
    /// bytes older than the kept history is dropped and counted without comparison. 0 disables the check.
    /// The history grows on demand and only while the shared memory is below three quarters of
    /// <see cref="MemcapBytes"/>, so it never starves out-of-order buffering.
    /// </remarks>
    public int RetransmissionCheckBytes { get; init; } = DefaultRetransmissionCheckBytes;

    /// <summary>The default of <see cref="RetransmissionCheckBytes"/>, 32 KiB.</summary>
    public const int DefaultRetransmissionCheckBytes = 32 * 1024;

    /// <summary>Bytes of pooled buffers all reassemblers of one worker may hold together (the memcap).</summary>
    /// <remarks>
    /// Default 64 MiB (Suricata's <c>stream.reassembly.memcap</c> default is 256 MiB for all workers). Used to
    /// build the worker's <see cref="ReassemblyMemory"/>. Buffering refused by the memcap is counted and the
    /// missing bytes later become a gap.
    /// </remarks>
    public long MemcapBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Whether a direction whose SYN or SYN-ACK was not seen starts at its first data segment.</summary>
    /// <remarks>Default true (Suricata's <c>stream.midstream</c> is false; a passive sensor started on a busy
    /// link would otherwise ignore every existing connection). When false, such data is dropped and counted.</remarks>
    public bool AllowMidstream { get; init; } = true;

    /// <summary>Which bytes win when segments overlap buffered data; see <see cref="Streams.OverlapPolicy"/>.</summary>
    public OverlapPolicy OverlapPolicy { get; init; } = OverlapPolicy.First;

    /// <summary>Every invalid setting, as one message each; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (DepthBytes < 0)
            problems.Add($"DepthBytes must be 0 (unlimited) or positive, was {DepthBytes}.");
        if (MaxOutOfOrderBytes is < 0 or > MaxWindowBytes)
            problems.Add($"MaxOutOfOrderBytes must be between 0 and {MaxWindowBytes}, was {MaxOutOfOrderBytes}.");
        if (MaxOutOfOrderSegments is < 1 or > 1 << 20)
            problems.Add($"MaxOutOfOrderSegments must be between 1 and {1 << 20}, was {MaxOutOfOrderSegments}.");
        if (RetransmissionCheckBytes is < 0 or > MaxWindowBytes)
            problems.Add($"RetransmissionCheckBytes must be between 0 and {MaxWindowBytes}, was {RetransmissionCheckBytes}.");
        if (MemcapBytes < 0)
            problems.Add($"MemcapBytes must not be negative, was {MemcapBytes}.");
        if (!Enum.IsDefined(OverlapPolicy))
            problems.Add($"OverlapPolicy {(int)OverlapPolicy} is not a known policy.");
        return problems;
    }
}
