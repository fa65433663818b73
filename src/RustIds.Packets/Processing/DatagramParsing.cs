using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Processing;

/// <summary>The app layer of UDP flows: each datagram is whole (fragments were reassembled before), so a flow needs no state but its protocol.</summary>
/// <remarks>
/// The protocol is decided on the flow's first datagram, by ports and content, and kept by the caller per flow slot;
/// DNS and CoAP datagrams are parsed into the worker's one reusable message each.
/// </remarks>
internal sealed class DatagramParsing(SessionServices services)
{
    /// <summary>Detects (while <paramref name="protocol"/> is Unknown) and parses one datagram of the flow in <see cref="Packet.FlowSlot"/>.</summary>
    public void OnUdp(ref Packet packet, ref AppProtocol protocol)
    {
        if (protocol == AppProtocol.Unknown)
        {
            protocol = ProtocolProbes.ProbeUdp(packet.Payload, packet.SourcePort, packet.DestinationPort);
            if (protocol == AppProtocol.Failed)
            {
                services.AppLayer.CountFailed();
                return;
            }
            services.AppLayer.CountDetected(protocol);
            services.Observer?.OnProtocolDetected(Context(in packet), protocol);
        }
        if (protocol == AppProtocol.Dns)
        {
            var message = services.DnsMessage;
            DnsMessageParser.Parse(packet.Payload, message, services.DnsCounters);
            if (message.HasHeader)
            {
                services.AppLayer.CountTransaction(AppProtocol.Dns);
                services.Observer?.OnDns(Context(in packet), message);
            }
        }
        else if (protocol == AppProtocol.Coap)
        {
            var message = services.CoapMessage;
            if (CoapMessageParser.Parse(packet.Payload, message, services.CoapCounters) == CoapParseStatus.Ok)
            {
                services.AppLayer.CountTransaction(AppProtocol.Coap);
                services.Observer?.OnCoap(Context(in packet), message, packet.Payload);
            }
        }
    }

    private AppLayerContext Context(in Packet packet) => services.Context(packet.FlowSlot, packet.Direction, packet.TimestampTicks);
}
