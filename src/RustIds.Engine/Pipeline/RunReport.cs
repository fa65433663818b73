using RustIds.Packets;
using RustIds.Rules;

namespace RustIds.Engine.Pipeline;

/// <summary>What a run did: the numbers a replay prints and the problems met on the way.</summary>
public sealed record RunReport
{
    public required PipelineCounters Counters { get; init; }
    public required RuleLoadResult Rules { get; init; }

    /// <summary>Kernel counters of a live capture, summed over workers; null for a replay.</summary>
    public CaptureStatistics? Capture { get; init; }

    /// <summary>Why capture ended: end of capture, stopped, or libpcap's error text.</summary>
    public required string StopReason { get; init; }

    /// <summary>True when the capture ended on an error (a truncated file, an interface gone).</summary>
    public bool CaptureFailed { get; init; }

    /// <summary>Problems with the inputs that did not stop the run (bad blocklist lines, missing GeoIP file).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public required string EvePath { get; init; }

    /// <summary>The virtual-clock replay's transcript, or null.</summary>
    public string? TranscriptPath { get; init; }
    public required string FirewallBackend { get; init; }
    public long NotificationsSent { get; init; }
    public long NotificationsFailed { get; init; }

    /// <summary>Notices still queued in the outbox at the end of the run (pending or waiting for a digest); delivered at the next start.</summary>
    public long NotificationsQueued { get; init; }
    public int BlocksExpired { get; init; }
}
