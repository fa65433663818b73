using System.Buffers.Binary;
using RustIds.Packets;

namespace RustIds.Rules.Conditions;

/// <summary>A numeric test on one header field or size; a packet without that field does not match.</summary>
public sealed class FieldCondition(string keyword, PacketField packetField, NumericRange range) : PacketCondition
{
    /// <inheritdoc/>
    public override string Keyword => keyword;

    public PacketField Field => packetField;

    public NumericRange Range => range;

    /// <inheritdoc/>
    public override bool Matches(in Packet packet) => TryRead(in packet, packetField, out var value) && range.Contains(value);

    /// <summary>Reads <paramref name="field"/> of <paramref name="packet"/>, false when the packet has no such field.</summary>
    public static bool TryRead(in Packet packet, PacketField field, out long value)
    {
        value = 0;
        var network = packet.Network;
        var isV4 = network.Length >= 20 && network[0] >> 4 == 4;
        var isV6 = network.Length >= 40 && network[0] >> 4 == 6;
        var transport = packet.Transport;
        switch (field)
        {
            case PacketField.PayloadSize:
                value = packet.Payload.Length;
                return true;
            case PacketField.Ttl:
                value = packet.Ttl;
                return isV4 || isV6;
            case PacketField.Tos:
                if (isV4)
                    value = network[1];
                else if (isV6)
                    value = ((network[0] & 0x0F) << 4) | (network[1] >> 4);
                return isV4 || isV6;
            case PacketField.IpId:
                if (!isV4)
                    return false;
                value = BinaryPrimitives.ReadUInt16BigEndian(network[4..]);
                return true;
            case PacketField.IpProtocol:
                value = (byte)packet.Protocol;
                return isV4 || isV6;
            case PacketField.IcmpType:
                value = packet.IcmpType;
                return IsIcmp(packet.Protocol);
            case PacketField.IcmpCode:
                value = packet.IcmpCode;
                return IsIcmp(packet.Protocol);
            case PacketField.IcmpId or PacketField.IcmpSequence:
                if (!IsIcmp(packet.Protocol) || transport.Length < 8 || packet.IcmpType is not (0 or 8 or 128 or 129))
                    return false;
                value = BinaryPrimitives.ReadUInt16BigEndian(transport[(field == PacketField.IcmpId ? 4 : 6)..]);
                return true;
            case PacketField.TcpSequence:
                value = packet.TcpSequence;
                return packet.Protocol == IpProtocol.Tcp;
            case PacketField.TcpAcknowledgement:
                value = packet.TcpAcknowledgement;
                return packet.Protocol == IpProtocol.Tcp;
            case PacketField.TcpWindow:
                if (packet.Protocol != IpProtocol.Tcp || transport.Length < 16)
                    return false;
                value = BinaryPrimitives.ReadUInt16BigEndian(transport[14..]);
                return true;
            default:
                if (!isV4)
                    return false;
                value = (BinaryPrimitives.ReadUInt16BigEndian(network[6..]) & 0x1FFF) * 8;
                return true;
        }
    }

    private static bool IsIcmp(IpProtocol protocol) => protocol is IpProtocol.Icmp or IpProtocol.IcmpV6;
}
