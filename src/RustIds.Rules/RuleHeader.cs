namespace RustIds.Rules;

/// <summary>The header part of a rule: action, protocol, addresses, ports, direction.</summary>
/// <param name="Action">Rule action.</param>
/// <param name="Protocol">Rule protocol.</param>
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
    bool Bidirectional);
