using RustIds.Packets;
using RustIds.Packets.AppLayer;
using RustIds.Rules.Buffers;
using RustIds.Rules.Conditions;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Matching;

namespace RustIds.Rules;

/// <summary>One parsed, immutable rule.</summary>
public sealed class Rule
{
    /// <summary>Creates a rule; normally done by <see cref="RuleParser"/>.</summary>
    public Rule(RuleHeader header, RuleBody body, string file, int line, string text)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        Action = header.Action;
        Protocol = header.Protocol;
        Source = header.Source;
        SourcePorts = header.SourcePorts;
        Destination = header.Destination;
        DestinationPorts = header.DestinationPorts;
        Bidirectional = header.Bidirectional;
        Gid = body.Gid;
        Sid = body.Sid;
        Rev = body.Rev;
        Message = body.Message;
        ClassType = body.ClassType;
        Category = body.Category;
        Priority = body.Priority;
        References = body.References;
        Metadata = body.Metadata;
        Flow = body.Flow;
        Buffers = body.Buffers;
        Contents = [.. body.Buffers.SelectMany(b => b.Contents)];
        Conditions = body.Conditions;
        Flowbits = body.Flowbits;
        NoAlert = body.NoAlert;
        TargetIsSource = body.TargetIsSource;
        AppProtocol = header.AppProtocol != AppProtocol.Unknown ? header.AppProtocol : body.AppProtocol;
        Event = body.Event;
        Services = body.Services;
        IgnoredKeywords = body.IgnoredKeywords;
        Scope = body.Scope ?? header.Scope;
        Threshold = body.Threshold;
        DetectionFilter = body.DetectionFilter;
        File = file;
        Line = line;
        Text = text;
    }

    /// <summary>alert, drop, reject or pass.</summary>
    public RuleAction Action { get; }

    /// <summary>Header protocol.</summary>
    public RuleProtocol Protocol { get; }

    /// <summary>Source address condition.</summary>
    public AddressMatcher Source { get; }

    /// <summary>Source port condition.</summary>
    public PortMatcher SourcePorts { get; }

    /// <summary>Destination address condition.</summary>
    public AddressMatcher Destination { get; }

    /// <summary>Destination port condition.</summary>
    public PortMatcher DestinationPorts { get; }

    /// <summary>Direction <c>&lt;&gt;</c>: the header matches either orientation.</summary>
    public bool Bidirectional { get; }

    /// <summary>Generator id (1 unless given).</summary>
    public long Gid { get; }

    /// <summary>Signature id.</summary>
    public long Sid { get; }

    /// <summary>Revision (0 unless given).</summary>
    public int Rev { get; }

    /// <summary>The <c>msg</c> text, unescaped.</summary>
    public string Message { get; }

    /// <summary>The classtype short name, or null.</summary>
    public string? ClassType { get; }

    /// <summary>Description of the classtype, or null when unknown/absent.</summary>
    public string? Category { get; }

    /// <summary>Explicit priority, else the classtype's, else 3.</summary>
    public int Priority { get; }

    /// <summary>reference options in order.</summary>
    public IReadOnlyList<RuleReference> References { get; }

    /// <summary>metadata entries as (key, value) pairs; value may be empty.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Every content option, buffer by buffer.</summary>
    public IReadOnlyList<ContentMatch> Contents { get; }

    /// <summary>Payload keywords grouped by the buffer they inspect.</summary>
    public IReadOnlyList<BufferInspection> Buffers { get; }

    /// <summary>Header tests (dsize, flags, ttl, itype, ...).</summary>
    public IReadOnlyList<PacketCondition> Conditions { get; }

    /// <summary>flowbits options in order.</summary>
    public IReadOnlyList<FlowbitOperation> Flowbits { get; }

    /// <summary>Matches set flowbits but raise no alert.</summary>
    public bool NoAlert { get; }

    /// <summary><c>target</c>: true for src_ip, false for dest_ip, null when not given.</summary>
    public bool? TargetIsSource { get; }

    /// <summary>The flow's app-layer protocol must be this one (Unknown: any).</summary>
    public AppProtocol AppProtocol { get; }


    /// <summary>The app-layer event at which the rule is inspected; None for packet rules.</summary>
    public TxEvent Event { get; }

    /// <summary>Snort 3 service names.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Keywords read but without effect on matching.</summary>
    public IReadOnlyList<string> IgnoredKeywords { get; }

    /// <summary><c>threshold</c>, or null.</summary>
    public Thresholds.ThresholdSpec? Threshold { get; }

    /// <summary><c>detection_filter</c>, or null.</summary>
    public Thresholds.DetectionFilterSpec? DetectionFilter { get; }

    /// <summary>Whether TCP payload keywords inspect packets, the reassembled stream or both: <c>flow:only_stream|no_stream</c>, else the header (<c>tcp-pkt</c>, <c>tcp-stream</c>).</summary>
    public PayloadScope Scope { get; }

    /// <summary>flow option.</summary>
    public FlowOptions Flow { get; }

    /// <summary>File the rule came from.</summary>
    public string File { get; }

    /// <summary>1-based line where the rule starts.</summary>
    public int Line { get; }

    /// <summary>The rule text (continuation lines joined).</summary>
    public string Text { get; }

    /// <summary>Whether the protocol field admits a packet of <paramref name="protocol"/>.</summary>
    public bool AppliesTo(IpProtocol protocol) => Protocol switch
    {
        RuleProtocol.Ip => true,
        RuleProtocol.Tcp => protocol == IpProtocol.Tcp,
        RuleProtocol.Udp => protocol == IpProtocol.Udp,
        _ => protocol is IpProtocol.Icmp or IpProtocol.IcmpV6,
    };

    /// <summary><c>gid:sid:rev msg</c>.</summary>
    public override string ToString() => $"{Gid}:{Sid}:{Rev} {Message}";
}
