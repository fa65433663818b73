using RustIds.Packets;
using RustIds.Rules;
using RustIds.Rules.Evaluation;

namespace RustIds.Detection;

/// <summary>Turns a rule match on a packet into an <see cref="Alert"/>.</summary>
/// <remarks>Runs on the capture thread, but only when a rule matched: the allocation here is per alert, not per packet.</remarks>
/// <param name="interfaceName">EVE's <c>in_iface</c>; empty for replays.</param>
/// <param name="includePayload">Copy the payload (up to <paramref name="maxPayloadBytes"/>) into the alert.</param>
/// <param name="maxPayloadBytes">Longest payload or packet copied.</param>
/// <param name="includePacket">Also copy the whole frame, up to <paramref name="maxPayloadBytes"/> (EVE <c>packet</c>).</param>
public sealed class SignatureAlertFactory(string interfaceName, bool includePayload, int maxPayloadBytes = 4096, bool includePacket = false)
{
    /// <param name="rule">The rule that matched.</param>
    /// <param name="packet">The packet it matched on.</param>
    /// <param name="appLayer">The transaction's fields for transaction rules (<see cref="RuleEvaluator.MatchSnapshot"/>).</param>
    public Alert Create(Rule rule, ref Packet packet, AppLayerSnapshot? appLayer = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var payload = includePayload && packet.Payload.Length > 0
            ? packet.Payload[..Math.Min(packet.Payload.Length, maxPayloadBytes)].ToArray()
            : [];
        return FromRule(rule) with
        {
            Timestamp = packet.Timestamp,
            Source = packet.Source,
            Destination = packet.Destination,
            SourcePort = packet.SourcePort,
            DestinationPort = packet.DestinationPort,
            Protocol = packet.Protocol,
            FlowId = packet.FlowId,
            AppProtocol = packet.AppProtocol,
            Direction = packet.Direction,
            Payload = payload,
            Packet = includePacket && packet.Frame.Length > 0
                ? new AlertPacket(packet.LinkType, packet.Frame[..Math.Min(packet.Frame.Length, maxPayloadBytes)].ToArray())
                : null,
            AppLayer = appLayer,
        };
    }

    /// <summary>An alert for an app-layer match attributed to its flow (the flow ended before a packet carried it).</summary>
    public Alert Create(Rule rule, in FlowMatch match)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return FromRule(rule) with
        {
            Timestamp = new DateTimeOffset(match.TimestampTicks, TimeSpan.Zero),
            Source = match.Source,
            Destination = match.Destination,
            SourcePort = match.SourcePort,
            DestinationPort = match.DestinationPort,
            Protocol = match.Protocol,
            FlowId = match.FlowId,
            AppProtocol = match.AppProtocol,
            Direction = match.Direction,
            AppLayer = match.AppLayer,
        };
    }

    /// <summary>The rule's part of an alert; the caller adds where and when.</summary>
    private Alert FromRule(Rule rule) => new()
    {
        Timestamp = default,
        Source = default,
        Destination = default,
        Protocol = default,
        Gid = (int)rule.Gid,
        Sid = rule.Sid,
        Rev = rule.Rev,
        Signature = rule.Message,
        Category = rule.Category ?? "",
        Severity = Math.Clamp(rule.Priority, 1, 4),
        ForcesBlock = rule.Action is RuleAction.Drop or RuleAction.Reject,
        InterfaceName = interfaceName,
        Metadata = rule.Metadata,
    };
}
