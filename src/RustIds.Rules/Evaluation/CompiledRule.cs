using RustIds.Packets;
using RustIds.Packets.AppLayer;
using RustIds.Rules.Buffers;
using RustIds.Rules.Conditions;
using RustIds.Rules.Flowbits;
using RustIds.Rules.Matching;

namespace RustIds.Rules.Evaluation;

/// <summary>A rule laid out for evaluation: arrays instead of lists, its packet and app-layer buffers apart, flowbits as indices.</summary>
internal sealed class CompiledRule
{
    private readonly PacketCondition[] _conditions;
    private readonly BufferInspection[] _packetBuffers;
    private readonly BufferInspection[] _appBuffers;
    private readonly CompiledFlowbit[] _flowbitTests;
    private readonly CompiledFlowbit[] _flowbitActions;

    public CompiledRule(Rule rule, int index, Func<string, int> flowbitIndex, Thresholds.RuleThresholds thresholds)
    {
        Thresholds = thresholds;
        Rule = rule;
        Index = index;
        _conditions = [.. rule.Conditions];
        _packetBuffers = [.. rule.Buffers.Where(b => b.Buffer == BufferKind.Packet)];
        _appBuffers = [.. rule.Buffers.Where(b => b.Buffer != BufferKind.Packet)];
        _flowbitTests = [.. rule.Flowbits.Where(f => f.IsTest).Select(f => new CompiledFlowbit(f, flowbitIndex))];
        _flowbitActions = [.. rule.Flowbits.Where(f => !f.IsTest).Select(f => new CompiledFlowbit(f, flowbitIndex))];
        FastPattern = ChooseFastPattern(rule);
        InspectsStream = !IsTxRule && _packetBuffers.Length > 0 && rule.AppliesTo(IpProtocol.Tcp) && rule.Scope != PayloadScope.PacketOnly;
        StreamOnly = InspectsStream && rule.Scope == PayloadScope.StreamOnly;
        StreamAnchored = _packetBuffers.Any(DependsOnBufferEdges);
    }

    public Rule Rule { get; }

    /// <summary>The rule's threshold and detection_filter merged with threshold.config (suppress, rate_filter, overrides).</summary>
    public Thresholds.RuleThresholds Thresholds { get; }

    /// <summary>Position in evaluation order; also the index <see cref="CompiledRuleSet.GetRule"/> takes.</summary>
    public int Index { get; }

    /// <summary>The content the prefilter looks for and the buffer it is in; null when the rule must always be tried.</summary>
    public (ContentMatch Content, BufferKind Buffer, BufferTransforms Transforms)? FastPattern { get; }

    public bool IsTxRule => Rule.Event != TxEvent.None;

    public bool SetsFlowbits => _flowbitActions.Length > 0;

    public ReadOnlySpan<BufferInspection> AppBuffers => _appBuffers;

    /// <summary>A TCP packet rule with payload keywords that also inspects the reassembled stream (not <c>tcp-pkt</c> / <c>no_stream</c>).</summary>
    public bool InspectsStream { get; }

    /// <summary>Inspects an HTTP request or response body (<c>http.request_body</c>, <c>http.response_body</c>, <c>file.data</c>, pcre /P /Q).</summary>
    public bool InspectsHttpBody => _appBuffers.Any(b => b.Buffer is BufferKind.HttpRequestBody or BufferKind.HttpResponseBody);

    /// <summary><c>tcp-stream</c> / <c>only_stream</c>: the payload keywords never inspect a packet alone.</summary>
    public bool StreamOnly { get; }

    /// <summary>
    /// Some payload keyword is placed from the buffer's start or end (offset, depth, startswith, endswith, absolute
    /// byte_* or isdataat, bsize, an anchored pcre): on the stream it means something only in a window that begins
    /// at the stream's first byte.
    /// </summary>
    public bool StreamAnchored { get; }

    /// <summary>The payload keywords against <paramref name="data"/>, a window of the reassembled stream.</summary>
    public bool PayloadMatches(ReadOnlySpan<byte> data, InspectionScratch scratch)
    {
        foreach (var inspection in _packetBuffers)
        {
            if (!BufferMatcher.Matches(inspection, data, scratch))
                return false;
        }
        return true;
    }

    /// <summary>Everything but the app-layer buffers: protocol, flow, header, conditions, packet payload, flowbit tests.</summary>
    /// <param name="packet">The packet.</param>
    /// <param name="scratch">The worker's inspection scratch.</param>
    /// <param name="flowbits">The worker's flowbits.</param>
    /// <param name="payloadFromStream">The payload keywords already matched the packet's reassembled stream, so the packet's own payload is not inspected.</param>
    public bool MatchesPacket(in Packet packet, InspectionScratch scratch, FlowbitStore flowbits, bool payloadFromStream = false)
    {
        var rule = Rule;
        if (!rule.AppliesTo(packet.Protocol) || !AppProtocolMatches(packet.AppProtocol))
            return false;
        if (!FlowMatches(rule.Flow, packet.Direction, packet.FlowEstablished))
            return false;
        if (!HeaderMatches(packet.Source, packet.SourcePort, packet.Destination, packet.DestinationPort, packet.Protocol))
            return false;
        foreach (var condition in _conditions)
        {
            if (!condition.Matches(in packet))
                return false;
        }
        if (!payloadFromStream)
        {
            if (StreamOnly && packet.Protocol == IpProtocol.Tcp)
                return false;
            foreach (var inspection in _packetBuffers)
            {
                if (!BufferMatcher.Matches(inspection, packet.Payload, scratch))
                    return false;
            }
        }
        return FlowbitTestsPass(packet.FlowSlot, packet.FlowId, flowbits);
    }

    /// <summary>For an app-layer or stream match whose packet never came (the flow ended): what can be checked from the flow alone.</summary>
    /// <param name="match">The match.</param>
    /// <param name="payloadFromStream">The payload keywords matched the reassembled stream.</param>
    public bool MatchesFlow(in FlowMatch match, bool payloadFromStream = false)
    {
        if (_conditions.Length > 0 || (_packetBuffers.Length > 0 && !payloadFromStream) || _flowbitTests.Length > 0)
            return false;
        return FlowMatches(Rule.Flow, match.Direction, established: true)
            && HeaderMatches(match.Source, match.SourcePort, match.Destination, match.DestinationPort, match.Protocol);
    }

    /// <summary>Applies set/unset/toggle after the rule matched.</summary>
    public void ApplyFlowbitActions(int slot, ulong flowId, FlowbitStore flowbits)
    {
        foreach (var action in _flowbitActions)
        {
            foreach (var bit in action.Bits)
                flowbits.Change(slot, flowId, bit, action.Command);
        }
    }

    private bool FlowbitTestsPass(int slot, ulong flowId, FlowbitStore flowbits)
    {
        foreach (var test in _flowbitTests)
        {
            var wantSet = test.Command == FlowbitCommand.IsSet;
            var any = false;
            var all = true;
            foreach (var bit in test.Bits)
            {
                var holds = flowbits.IsSet(slot, flowId, bit) == wantSet;
                any |= holds;
                all &= holds;
            }
            if (test.AnyOf ? !any : !all)
                return false;
        }
        return true;
    }

    private bool AppProtocolMatches(AppProtocol flowProtocol)
    {
        var wanted = Rule.AppProtocol;
        return wanted == AppProtocol.Unknown || flowProtocol == wanted;
    }

    private static bool FlowMatches(FlowOptions flow, FlowDirection direction, bool established)
    {
        if (flow == FlowOptions.None)
            return true;
        if ((flow & FlowOptions.ToServer) != 0 && direction != FlowDirection.ToServer)
            return false;
        if ((flow & FlowOptions.ToClient) != 0 && direction != FlowDirection.ToClient)
            return false;
        if ((flow & FlowOptions.Established) != 0 && !established)
            return false;
        return (flow & FlowOptions.NotEstablished) == 0 || !established;
    }

    private bool HeaderMatches(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, IpProtocol protocol)
    {
        if (OneWay(source, sourcePort, destination, destinationPort, protocol))
            return true;
        return Rule.Bidirectional && OneWay(destination, destinationPort, source, sourcePort, protocol);
    }

    private bool OneWay(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, IpProtocol protocol)
    {
        var rule = Rule;
        if (!rule.Source.Matches(source) || !rule.Destination.Matches(destination))
            return false;
        if (rule.SourcePorts.IsAny && rule.DestinationPorts.IsAny)
            return true;
        if (protocol is not (IpProtocol.Tcp or IpProtocol.Udp))
            return false;
        return rule.SourcePorts.Matches(sourcePort) && rule.DestinationPorts.Matches(destinationPort);
    }

    private static bool DependsOnBufferEdges(BufferInspection inspection) => inspection.Steps.Any(step => step switch
    {
        ContentStep { Content: var content } => content.EndsWith
            || (!content.IsRelative && (content.Offset != 0 || content.Depth != 0 || content.OffsetVariable >= 0 || content.DepthVariable >= 0)),
        PcreStep { Spec: var pcre } => !pcre.Relative && (pcre.Anchored || pcre.Pattern.StartsWith('^') || pcre.Pattern.Contains('$', StringComparison.Ordinal)),
        ByteStep { Operation: var operation } => !operation.Relative,
        BufferSizeStep => true,
        _ => false,
    });

    /// <summary>The explicit fast_pattern, else the longest positive content (app buffers preferred for app rules, as Suricata does).</summary>
    private static (ContentMatch, BufferKind, BufferTransforms)? ChooseFastPattern(Rule rule)
    {
        (ContentMatch Content, BufferKind Buffer, BufferTransforms Transforms)? best = null;
        var preferApp = rule.Event != TxEvent.None;
        foreach (var inspection in rule.Buffers)
        {
            // A transformed buffer is prefiltered transformed (see PrefilterGroup), so its contents qualify too.
            if (preferApp && inspection.Buffer == BufferKind.Packet)
                continue;
            foreach (var step in inspection.Steps)
            {
                if (step is not ContentStep { Content: { Negated: false } content })
                    continue;
                if (content.FastPattern)
                    return (content, inspection.Buffer, inspection.Transforms);
                if (best is null || content.PrefilterBytes.Length > best.Value.Content.PrefilterBytes.Length)
                    best = (content, inspection.Buffer, inspection.Transforms);
            }
        }
        return best;
    }
}
