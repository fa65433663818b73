using RustIds.Packets.AppLayer;

namespace RustIds.Rules;

/// <summary>The header part of a rule: action, protocol, addresses, ports, direction.</summary>
/// <param name="Action">Rule action.</param>
/// <param name="Protocol">Transport the rule applies to (<c>ip</c> for any).</param>
/// <param name="Source">Source addresses.</param>
/// <param name="SourcePorts">Source ports.</param>
/// <param name="Destination">Destination addresses.</param>
/// <param name="DestinationPorts">Destination ports.</param>
/// <param name="Bidirectional">Direction was <c>&lt;&gt;</c>.</param>
public sealed record RuleHeader(
    RuleAction Action,
    RuleProtocol Protocol,
    AddressMatcher Source,
    PortMatcher SourcePorts,
    AddressMatcher Destination,
    PortMatcher DestinationPorts,
    bool Bidirectional)
{
    /// <summary>The app-layer protocol named in the header (<c>alert http</c>), or Unknown.</summary>
    public AppProtocol AppProtocol { get; init; }

    /// <summary>Snort 3 rule without addresses and ports (<c>alert http ( ... )</c>).</summary>
    public bool Headerless { get; init; }

    /// <summary><c>tcp-pkt</c> (packets only) or <c>tcp-stream</c> (stream only); <c>tcp</c> inspects both.</summary>
    public PayloadScope Scope { get; init; }
}
