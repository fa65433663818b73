using RustIds.Engine.Configuration;
using RustIds.Notify;
using RustIds.Reputation;
using RustIds.Reputation.Scoring;
using RustIds.Reputation.Storage;
using RustIds.Engine.Composition;
using RustIds.Response;

namespace RustIds.Engine.Pipeline;

/// <summary>Everything the response stage works with, built once by the runner.</summary>
public sealed class ResponseContext
{
    public required ReputationOptions Options { get; init; }

    /// <summary>The clock decisions read: the system clock live, a <see cref="PacketClock"/> in a replay.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Set in a replay: advanced to each alert's packet time before it is handled.</summary>
    public PacketClock? Clock { get; init; }

    public required ThreatDb ThreatDb { get; init; }
    public required ReputationScorer Scorer { get; init; }
    public required ReputationSources Reputation { get; init; }
    public required BlockManager Blocks { get; init; }

    public required EveWriter Eve { get; init; }

    /// <summary>A virtual-clock replay's record of alerts, decisions, ends and notifications; null otherwise.</summary>
    public ReplayTranscript? Transcript { get; init; }

    /// <summary>The latest alerts with their action, for the API; null when nobody reads them (a replay).</summary>
    public AlertLog? RecentAlerts { get; init; }
    public required DecisionLogWriter Decisions { get; init; }
    /// <summary>The durable outbox: <see cref="NotificationOutbox.Enqueue"/> writes the notice to SQLite and returns.</summary>
    public required INoticeSink Notifications { get; init; }
    public required string Hostname { get; init; }
}
