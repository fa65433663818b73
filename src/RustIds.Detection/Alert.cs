using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Detection;

/// <summary>
/// A detection event: a rule or a behavioural detector fired on a packet or a flow. Created off the
/// per-packet fast path only when something matched, then handed to reputation, response and sinks.
/// </summary>
public sealed record Alert
{
    public required DateTimeOffset Timestamp { get; init; }
    public required IpAddr Source { get; init; }
    public required IpAddr Destination { get; init; }
    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public required IpProtocol Protocol { get; init; }
    public ulong FlowId { get; init; }

    /// <summary>The flow's application protocol as detected when the rule matched (EVE <c>app_proto</c>).</summary>
    public AppProtocol AppProtocol { get; init; }

    /// <summary>Direction of the triggering packet relative to the flow initiator.</summary>
    public FlowDirection Direction { get; init; }

    /// <summary>Generator id: 1 for text rules, own ranges for behavioural detectors.</summary>
    public int Gid { get; init; } = 1;
    public required long Sid { get; init; }
    public int Rev { get; init; } = 1;
    public required string Signature { get; init; }

    /// <summary>Classification description (from classtype), or empty.</summary>
    public string Category { get; init; } = "";

    /// <summary>1 (highest) to 4 (lowest), Snort/Suricata priority semantics.</summary>
    public int Severity { get; init; } = 3;

    /// <summary>The rule's action was drop or reject: the offender is blocked whatever its score.</summary>
    public bool ForcesBlock { get; init; }

    /// <summary>Copy of the triggering payload (bounded), for EVE's payload field; may be empty.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Copy of the triggering frame (bounded) with its link type, for EVE's packet field; null unless asked for.</summary>
    public AlertPacket? Packet { get; init; }

    /// <summary>Capture interface, EVE's in_iface; empty for replays.</summary>
    public string InterfaceName { get; init; } = "";

    /// <summary>The rule's <c>metadata</c> pairs (EVE <c>alert.metadata</c>); empty for detectors and rules without it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>The HTTP, DNS and TLS fields of the transaction the rule matched (EVE <c>http</c>, <c>dns</c>, <c>tls</c>); null for packet rules.</summary>
    public RustIds.Rules.Evaluation.AppLayerSnapshot? AppLayer { get; init; }

    /// <summary>A behavioural detector's evidence (counts, window, baseline, sigma); null for rule alerts.</summary>
    public Behaviour.DetectionEvidence? Evidence { get; init; }

    /// <summary>
    /// The alert reports an attacked destination, not an offender (a flood from many, likely spoofed,
    /// sources): it is logged and counted, but nobody is scored or blocked for it.
    /// </summary>
    public bool ReportsVictim { get; init; }

    /// <summary>The address this alert accuses: the source unless a rule says otherwise.</summary>
    public IpAddr Offender => Source;
}
