using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;

namespace RustIds.Packets.Processing;

/// <summary>Hands every app-layer event to two observers in turn: the rule evaluator first, then the behavioural detectors.</summary>
/// <remarks>
/// The processor takes one observer; this keeps it that way instead of a list, so the common case (rules
/// only) pays nothing. Two interface calls per event, no allocation.
/// </remarks>
public sealed class AppLayerFanout(IAppLayerObserver first, IAppLayerObserver second) : IAppLayerObserver
{
    public void OnStreamData(in AppLayerContext context, ReadOnlySpan<byte> data)
    {
        first.OnStreamData(in context, data);
        second.OnStreamData(in context, data);
    }

    public void OnStreamGap(in AppLayerContext context)
    {
        first.OnStreamGap(in context);
        second.OnStreamGap(in context);
    }

    public void OnStreamEnd(in AppLayerContext context)
    {
        first.OnStreamEnd(in context);
        second.OnStreamEnd(in context);
    }

    public void OnProtocolDetected(in AppLayerContext context, AppProtocol protocol)
    {
        first.OnProtocolDetected(in context, protocol);
        second.OnProtocolDetected(in context, protocol);
    }

    public void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
        first.OnHttp(in context, transaction, progress);
        second.OnHttp(in context, transaction, progress);
    }

    public void OnDns(in AppLayerContext context, DnsMessage message)
    {
        first.OnDns(in context, message);
        second.OnDns(in context, message);
    }

    public void OnSsh(in AppLayerContext context, SshBanner banner)
    {
        first.OnSsh(in context, banner);
        second.OnSsh(in context, banner);
    }

    public void OnMqtt(in AppLayerContext context, MqttMessage message)
    {
        first.OnMqtt(in context, message);
        second.OnMqtt(in context, message);
    }

    public void OnCoap(in AppLayerContext context, CoapMessage message, ReadOnlySpan<byte> datagram)
    {
        first.OnCoap(in context, message, datagram);
        second.OnCoap(in context, message, datagram);
    }

    public void OnTlsClientHello(in AppLayerContext context, TlsClientHello hello)
    {
        first.OnTlsClientHello(in context, hello);
        second.OnTlsClientHello(in context, hello);
    }

    public void OnTlsServerHello(in AppLayerContext context, TlsServerHello hello)
    {
        first.OnTlsServerHello(in context, hello);
        second.OnTlsServerHello(in context, hello);
    }

    public void OnTlsCertificate(in AppLayerContext context, TlsCertificateInfo certificate)
    {
        first.OnTlsCertificate(in context, certificate);
        second.OnTlsCertificate(in context, certificate);
    }
}
