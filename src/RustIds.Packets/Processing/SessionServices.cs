using RustIds.Packets.Streams;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;

namespace RustIds.Packets.Processing;

/// <summary>What every <see cref="FlowSession"/> and the <see cref="DatagramParsing"/> of one worker share: parser pools, counters, the observer, the flow table.</summary>
internal sealed class SessionServices
{
    public SessionServices(PacketProcessorOptions options, FlowTracker flows, IAppLayerObserver? observer)
    {
        Options = options;
        Flows = flows;
        Observer = observer;
        ReassemblyMemory = new ReassemblyMemory(options.Reassembly.MemcapBytes);
        var tlsWorkspace = new TlsWorkspace(options.Tls);
        HttpParsers = new ParserPool<HttpParser>(() => new HttpParser(options.Http, HttpCounters), parser => parser.Reset());
        DnsMessage = new DnsMessage(options.Dns);
        DnsTcpParsers = new ParserPool<DnsTcpParser>(() => new DnsTcpParser(options.Dns, DnsCounters, DnsMessage), parser => parser.Reset());
        MqttMessage = new MqttMessage();
        MqttParsers = new ParserPool<MqttParser>(() => new MqttParser(options.Mqtt, MqttCounters, MqttMessage), parser => parser.Reset());
        SshParsers = new ParserPool<SshParser>(() => new SshParser(options.Ssh, SshCounters), parser => parser.Reset());
        CoapMessage = new CoapMessage(options.Coap);
        TlsParsers = new ParserPool<TlsParser>(() => new TlsParser(options.Tls, TlsCounters, tlsWorkspace), parser => parser.Reset());
    }

    public PacketProcessorOptions Options { get; }

    public FlowTracker Flows { get; }

    public IAppLayerObserver? Observer { get; }

    public AppLayerCounters AppLayer { get; } = new();

    /// <summary>Given to each HTTP parser as its connection starts (<see cref="PacketProcessor.StoreHttpBodies"/>).</summary>
    public bool StoreHttpBodies { get; set; } = true;

    /// <summary>The byte budget every flow's out-of-order buffers share.</summary>
    public ReassemblyMemory ReassemblyMemory { get; }

    public ReassemblyCounters ReassemblyCounters { get; } = new();

    public HttpCounters HttpCounters { get; } = new();

    public TlsCounters TlsCounters { get; } = new();

    public DnsCounters DnsCounters { get; } = new();

    /// <summary>The one reusable message every DNS parse of this worker fills.</summary>
    public DnsMessage DnsMessage { get; }

    public ParserPool<DnsTcpParser> DnsTcpParsers { get; }

    public SshCounters SshCounters { get; } = new();

    public ParserPool<SshParser> SshParsers { get; }

    public MqttCounters MqttCounters { get; } = new();

    public MqttMessage MqttMessage { get; }

    public ParserPool<MqttParser> MqttParsers { get; }

    public CoapCounters CoapCounters { get; } = new();

    public CoapMessage CoapMessage { get; }

    public ParserPool<HttpParser> HttpParsers { get; }

    public ParserPool<TlsParser> TlsParsers { get; }

    /// <summary>The context of an app-layer event of the flow in <paramref name="slot"/>.</summary>
    public AppLayerContext Context(int slot, FlowDirection direction, long ticks) => new(in Flows.EntryAt(slot), direction, ticks, slot);
}
