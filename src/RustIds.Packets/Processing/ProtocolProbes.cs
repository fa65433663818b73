using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;

namespace RustIds.Packets.Processing;

/// <summary>Runs the content probes of every TCP protocol over a direction's first bytes.</summary>
/// <remarks>
/// Detection is by content: HTTP on port 8888 is HTTP, TLS on 8443 is TLS. Strong signatures come first
/// (HTTP method or status line, TLS record header, SSH banner, MQTT CONNECT); DNS over TCP has no magic, so
/// it is tried only where a port says DNS. The verdict is Match as soon as one probe matches,
/// NeedMoreData while one still could, NoMatch when none can.
/// </remarks>
internal static class ProtocolProbes
{
    public static ProbeResult ProbeTcp(FlowDirection direction, ReadOnlySpan<byte> data, ushort serverPort, out AppProtocol protocol)
    {
        protocol = AppProtocol.Unknown;
        var needMore = false;
        if (Take(HttpProbe.Probe(direction, data), AppProtocol.Http, ref protocol, ref needMore)
            || Take(TlsProbe.Probe(data), AppProtocol.Tls, ref protocol, ref needMore)
            || Take(SshProbe.Probe(data), AppProtocol.Ssh, ref protocol, ref needMore)
            || Take(MqttProbe.Probe(data), AppProtocol.Mqtt, ref protocol, ref needMore)
            || (IsDnsPort(serverPort) && Take(DnsProbe.Probe(data, isTcp: true), AppProtocol.Dns, ref protocol, ref needMore)))
        {
            return ProbeResult.Match;
        }
        return needMore ? ProbeResult.NeedMoreData : ProbeResult.NoMatch;
    }

    /// <summary>UDP: only DNS's and CoAP's ports are probed; a weak header check on every datagram would mislabel noise.</summary>
    public static AppProtocol ProbeUdp(ReadOnlySpan<byte> datagram, ushort sourcePort, ushort destinationPort)
    {
        if ((IsDnsPort(sourcePort) || IsDnsPort(destinationPort)) && DnsProbe.Probe(datagram, isTcp: false) == ProbeResult.Match)
            return AppProtocol.Dns;
        if ((IsCoapPort(sourcePort) || IsCoapPort(destinationPort)) && CoapProbe.Probe(datagram) == ProbeResult.Match)
            return AppProtocol.Coap;
        return AppProtocol.Failed;
    }

    private static bool IsDnsPort(ushort port) => port is 53 or 5353;

    private static bool IsCoapPort(ushort port) => port is 5683;

    private static bool Take(ProbeResult result, AppProtocol candidate, ref AppProtocol protocol, ref bool needMore)
    {
        if (result == ProbeResult.Match)
        {
            protocol = candidate;
            return true;
        }
        needMore |= result == ProbeResult.NeedMoreData;
        return false;
    }
}
