using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Defragmentation;
using RustIds.Packets.Streams;

namespace RustIds.Packets.Processing;

/// <summary>Settings of the whole packet path of one worker: checksums, defragmentation, flows, reassembly, app-layer parsers.</summary>
public sealed record PacketProcessorOptions
{
    /// <summary>Check IPv4/TCP/UDP/ICMP checksums and drop (count) packets that fail; off by default because NIC offload makes a host's own packets look wrong.</summary>
    public bool ValidateChecksums { get; init; }

    /// <summary>Reassemble IPv4/IPv6 fragments; on by default.</summary>
    public bool Defragment { get; init; } = true;

    /// <summary>Run TCP reassembly and the app-layer parsers; on by default. Off leaves decode, flows and packet rules only.</summary>
    public bool AppLayer { get; init; } = true;

    public FlowTrackerOptions Flows { get; init; } = new();

    public DefragOptions Defrag { get; init; } = new();

    public ReassemblyOptions Reassembly { get; init; } = new();

    public HttpParserOptions Http { get; init; } = new();

    public TlsParserOptions Tls { get; init; } = new();

    public DnsParserOptions Dns { get; init; } = new();

    public SshParserOptions Ssh { get; init; } = new();

    public MqttParserOptions Mqtt { get; init; } = new();

    public CoapParserOptions Coap { get; init; } = new();
}
