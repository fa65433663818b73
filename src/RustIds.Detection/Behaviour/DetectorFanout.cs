using RustIds.Packets.AppLayer;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Processing;
using RustIds.Rules.Evaluation;

namespace RustIds.Detection.Behaviour;

/// <summary>A worker's app-layer events: every one to the rules, and the two the detectors use (DNS messages, HTTP transactions) to the detectors too.</summary>
/// <remarks>
/// In place of <see cref="AppLayerFanout"/> for the detectors: that hands every event to both observers, stream chunks
/// included (one per TCP data packet), and each chunk cost an interface dispatch to the detectors' empty default method.
/// Here the detectors are called directly, and only for what they use; and the rules' evaluator too (a sealed class, not
/// the interface), so a stream chunk costs the one dispatch to this fanout it cost the evaluator alone.
/// </remarks>
public sealed class DetectorFanout(RuleEvaluator rules, DetectorSet detectors) : IAppLayerObserver
{
    // Typed as the sealed evaluator: the compiler resolves each interface call below to its method, no dispatch.
    private IAppLayerObserver Rules => rules;

    public void OnStreamData(in AppLayerContext context, ReadOnlySpan<byte> data) => Rules.OnStreamData(in context, data);

    public void OnStreamGap(in AppLayerContext context) => Rules.OnStreamGap(in context);

    public void OnStreamEnd(in AppLayerContext context) => Rules.OnStreamEnd(in context);

    public void OnProtocolDetected(in AppLayerContext context, AppProtocol protocol) => Rules.OnProtocolDetected(in context, protocol);

    public void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
    {
        Rules.OnHttp(in context, transaction, progress);
        detectors.OnHttp(in context, transaction, progress);
    }

    public void OnDns(in AppLayerContext context, DnsMessage message)
    {
        Rules.OnDns(in context, message);
        detectors.OnDns(in context, message);
    }

    public void OnSsh(in AppLayerContext context, SshBanner banner) => Rules.OnSsh(in context, banner);

    public void OnMqtt(in AppLayerContext context, MqttMessage message) => Rules.OnMqtt(in context, message);

    public void OnCoap(in AppLayerContext context, CoapMessage message, ReadOnlySpan<byte> datagram) => Rules.OnCoap(in context, message, datagram);

    public void OnTlsClientHello(in AppLayerContext context, TlsClientHello hello) => Rules.OnTlsClientHello(in context, hello);

    public void OnTlsServerHello(in AppLayerContext context, TlsServerHello hello) => Rules.OnTlsServerHello(in context, hello);

    public void OnTlsCertificate(in AppLayerContext context, TlsCertificateInfo certificate) => Rules.OnTlsCertificate(in context, certificate);
}
