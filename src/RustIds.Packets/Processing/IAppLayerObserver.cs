using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;

namespace RustIds.Packets.Processing;

/// <summary>Receives what the app-layer parsers found (EVE logging, rule buffers, detectors, tests); implement only what you need.</summary>
/// <remarks>
/// Called on the capture worker thread in the middle of parsing; the objects passed are reused by the
/// parsers, so copy what you keep. Called per transaction, never per packet.
/// </remarks>
public interface IAppLayerObserver
{
    /// <summary>The next in-order bytes of a TCP direction, after reassembly (for stream matching); valid during the call.</summary>
    /// <remarks>Called for every delivered chunk, so it is per packet: implementations must not allocate.</remarks>
    void OnStreamData(in AppLayerContext context, ReadOnlySpan<byte> data)
    {
    }

    /// <summary>Bytes are missing from <paramref name="context"/>'s direction: the next stream data does not follow the last.</summary>
    void OnStreamGap(in AppLayerContext context)
    {
    }

    /// <summary>A TCP direction ended (FIN, RST or the flow's end): no more stream data comes that way.</summary>
    void OnStreamEnd(in AppLayerContext context)
    {
    }

    /// <summary>A flow's application protocol was recognised from its content.</summary>
    void OnProtocolDetected(in AppLayerContext context, AppProtocol protocol)
    {
    }

    /// <summary>A part of an HTTP transaction completed; the transaction's buffers hold everything parsed so far.</summary>
    void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
    }

    /// <summary>A DNS message (UDP datagram or TCP frame) was parsed; check <see cref="DnsMessage.Status"/>, malformed ones are delivered too.</summary>
    void OnDns(in AppLayerContext context, DnsMessage message)
    {
    }

    /// <summary>An SSH identification line (banner) was read in <paramref name="context"/>'s direction.</summary>
    void OnSsh(in AppLayerContext context, SshBanner banner)
    {
    }

    void OnMqtt(in AppLayerContext context, MqttMessage message)
    {
    }

    /// <summary>A CoAP message was parsed; its option offsets point into <paramref name="datagram"/>.</summary>
    void OnCoap(in AppLayerContext context, CoapMessage message, ReadOnlySpan<byte> datagram)
    {
    }

    void OnTlsClientHello(in AppLayerContext context, TlsClientHello hello)
    {
    }

    void OnTlsServerHello(in AppLayerContext context, TlsServerHello hello)
    {
    }

    void OnTlsCertificate(in AppLayerContext context, TlsCertificateInfo certificate)
    {
    }
}
