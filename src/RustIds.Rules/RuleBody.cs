using RustIds.Packets.AppLayer;
using RustIds.Rules.Buffers;
using RustIds.Rules.Conditions;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Matching;

namespace RustIds.Rules;

/// <summary>The option part of a rule, after parsing.</summary>
public sealed record RuleBody
{
    public required long Gid { get; init; }

    public required long Sid { get; init; }

    public required int Rev { get; init; }

    public required string Message { get; init; }

    public string? ClassType { get; init; }

    public string? Category { get; init; }

    public required int Priority { get; init; }

    public required IReadOnlyList<RuleReference> References { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }

    public required FlowOptions Flow { get; init; }

    /// <summary><c>flow:only_stream</c> or <c>flow:no_stream</c>, else null (the header decides).</summary>
    public PayloadScope? Scope { get; init; }

    /// <summary>Payload keywords grouped by buffer, packet payload first.</summary>
    public required IReadOnlyList<BufferInspection> Buffers { get; init; }

    /// <summary>Header tests (dsize, flags, ttl, ...).</summary>
    public required IReadOnlyList<PacketCondition> Conditions { get; init; }

    public required IReadOnlyList<FlowbitOperation> Flowbits { get; init; }

    /// <summary><c>noalert</c> or <c>flowbits:noalert</c>: match for side effects only.</summary>
    public bool NoAlert { get; init; }

    /// <summary><c>target:src_ip|dest_ip</c>: which side is the target; null when not given.</summary>
    public bool? TargetIsSource { get; init; }

    /// <summary>The app-layer protocol the buffers belong to, or Unknown.</summary>
    public AppProtocol AppProtocol { get; init; }

    /// <summary>The event at which the rule's app-layer buffers are complete; None for packet rules.</summary>
    public TxEvent Event { get; init; }

    /// <summary><c>threshold</c>: limits how often a match alerts.</summary>
    public Thresholds.ThresholdSpec? Threshold { get; init; }

    /// <summary><c>detection_filter</c>: a match alerts only after the first <c>count</c> in the window.</summary>
    public Thresholds.DetectionFilterSpec? DetectionFilter { get; init; }

    /// <summary>Snort 3 <c>service:</c> names.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>Keywords accepted but without effect on matching (<c>tag</c>, <c>rawbytes</c>), for the keyword table.</summary>
    public IReadOnlyList<string> IgnoredKeywords { get; init; } = [];
}
