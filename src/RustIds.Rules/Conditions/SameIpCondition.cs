using RustIds.Packets;

namespace RustIds.Rules.Conditions;

/// <summary><c>sameip</c>: source and destination address are equal.</summary>
public sealed class SameIpCondition : PacketCondition
{
    /// <inheritdoc/>
    public override string Keyword => "sameip";

    /// <inheritdoc/>
    public override bool Matches(in Packet packet) => packet.Source == packet.Destination;
}
