using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Rules.Conditions;

/// <summary><c>app-layer-protocol:[!]name</c>: the flow's detected protocol is (not) <paramref name="protocol"/>.</summary>
public sealed class AppProtocolCondition(AppProtocol protocol, bool negated) : PacketCondition
{
    /// <inheritdoc/>
    public override string Keyword => "app-layer-protocol";

    public AppProtocol Protocol => protocol;

    public bool Negated => negated;

    /// <inheritdoc/>
    public override bool Matches(in Packet packet) => (packet.AppProtocol == protocol) != negated;
}
