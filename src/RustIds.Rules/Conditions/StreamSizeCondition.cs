using RustIds.Packets;

namespace RustIds.Rules.Conditions;

/// <summary><c>stream_size:server|client|both|either,OP,N</c>: the TCP sequence space each side used so far, as Suricata counts it (SYN and FIN included).</summary>
public sealed class StreamSizeCondition(StreamSizeSide side, NumericRange range) : PacketCondition
{
    /// <inheritdoc/>
    public override string Keyword => "stream_size";

    public StreamSizeSide Side => side;

    public NumericRange Range => range;

    /// <inheritdoc/>
    public override bool Matches(in Packet packet)
    {
        if (packet.Protocol != IpProtocol.Tcp || packet.FlowSlot < 0)
            return false;
        return side switch
        {
            StreamSizeSide.Server => range.Contains(packet.ServerStreamSize),
            StreamSizeSide.Client => range.Contains(packet.ClientStreamSize),
            StreamSizeSide.Both => range.Contains(packet.ServerStreamSize) && range.Contains(packet.ClientStreamSize),
            _ => range.Contains(packet.ServerStreamSize) || range.Contains(packet.ClientStreamSize),
        };
    }
}

/// <summary>Which side's stream <see cref="StreamSizeCondition"/> measures.</summary>
public enum StreamSizeSide : byte
{
    /// <summary>What the server (the flow's responder) sent.</summary>
    Server,

    /// <summary>What the client (the initiator) sent.</summary>
    Client,

    /// <summary>Both sides pass.</summary>
    Both,

    /// <summary>Either side passes.</summary>
    Either,
}
