using RustIds.Packets.AppLayer;

namespace RustIds.Packets.Processing;

/// <summary>Turns a <see cref="PacketProcessor"/>'s counters into named groups of a <see cref="CounterSnapshot"/>.</summary>
/// <remarks>Names are snake_case like Suricata's stats.log / EVE stats, so they read the same in the CLI, JSON and metrics.</remarks>
internal static class PacketPathStatistics
{
    private static readonly AppProtocol[] Protocols = [AppProtocol.Http, AppProtocol.Dns, AppProtocol.Tls, AppProtocol.Ssh, AppProtocol.Mqtt, AppProtocol.Coap];

    public static void Add(CounterSnapshot snapshot, PacketProcessor processor)
    {
        AddDecode(snapshot, processor);
        AddFlows(snapshot, processor.Flows);
        AddDefrag(snapshot, processor);
        AddReassembly(snapshot, processor.Services);
        AddAppLayer(snapshot, processor.Services);
    }

    private static void AddDecode(CounterSnapshot snapshot, PacketProcessor processor)
    {
        var decode = processor.Decode;
        snapshot.Add("decode", "packets", decode.Packets);
        snapshot.Add("decode", "bytes", decode.Bytes);
        snapshot.Add("decode", "ok", decode.Ok);
        snapshot.Add("decode", "truncated", decode.Truncated);
        snapshot.Add("decode", "malformed", decode.Malformed);
        snapshot.Add("decode", "unsupported", decode.Unsupported);
        foreach (var layer in Enum.GetValues<DecodeLayer>())
        {
            foreach (var status in (ReadOnlySpan<DecodeStatus>)[DecodeStatus.Truncated, DecodeStatus.Malformed, DecodeStatus.Unsupported])
            {
                if (decode.Get(layer, status) is var count and > 0)
                    snapshot.Add("decode", $"{Name(layer)}_{Name(status)}", count);
            }
        }
        snapshot.Add("decode", "checksum_ipv4_invalid", processor.ChecksumFailures(ChecksumStatus.Ipv4HeaderInvalid));
        snapshot.Add("decode", "checksum_tcp_invalid", processor.ChecksumFailures(ChecksumStatus.TcpInvalid));
        snapshot.Add("decode", "checksum_udp_invalid", processor.ChecksumFailures(ChecksumStatus.UdpInvalid));
        snapshot.Add("decode", "checksum_icmp_invalid", processor.ChecksumFailures(ChecksumStatus.IcmpInvalid));
    }

    private static void AddFlows(CounterSnapshot snapshot, FlowTracker flows)
    {
        snapshot.Add("flows", "created", flows.FlowsCreated);
        snapshot.Add("flows", "active", flows.Count);
        snapshot.Add("flows", "expired", flows.FlowsExpired);
        snapshot.Add("flows", "evicted", flows.FlowsEvicted);
        snapshot.Add("flows", "midstream", flows.FlowsMidstream);
        snapshot.Add("flows", "capacity", flows.Capacity);
        snapshot.Add("flows", "memory_bytes", (long)flows.Capacity * FlowTracker.BytesPerFlow);
    }

    private static void AddDefrag(CounterSnapshot snapshot, PacketProcessor processor)
    {
        var defrag = processor.Defragmenter.Counters;
        snapshot.Add("defrag", "ipv4_fragments", defrag.Ipv4Fragments);
        snapshot.Add("defrag", "ipv6_fragments", defrag.Ipv6Fragments);
        snapshot.Add("defrag", "ipv4_reassembled", defrag.Ipv4Reassembled);
        snapshot.Add("defrag", "ipv6_reassembled", defrag.Ipv6Reassembled);
        snapshot.Add("defrag", "overlaps", defrag.Overlaps);
        snapshot.Add("defrag", "overlap_conflicts", defrag.OverlapConflicts);
        snapshot.Add("defrag", "timeouts", defrag.Timeouts);
        snapshot.Add("defrag", "evicted", defrag.EvictedMemcap + defrag.EvictedTableFull);
        snapshot.Add("defrag", "dropped", defrag.Dropped);
        snapshot.Add("defrag", "reassembled_undecodable", processor.ReassembledDecodeErrors);
        snapshot.Add("defrag", "held_bytes", processor.Defragmenter.HeldBytes);
    }

    private static void AddReassembly(CounterSnapshot snapshot, SessionServices services)
    {
        var counters = services.ReassemblyCounters;
        foreach (var counter in Enum.GetValues<Streams.ReassemblyCounter>())
            snapshot.Add("reassembly", Snake(counter.ToString()), counters.Get(counter));
        snapshot.Add("reassembly", "memory_in_use_bytes", services.ReassemblyMemory.InUseBytes);
        snapshot.Add("reassembly", "memory_peak_bytes", services.ReassemblyMemory.PeakBytes);
    }

    /// <summary>PascalCase to snake_case: <c>SegmentsInOrder</c> → <c>segments_in_order</c>.</summary>
    private static string Snake(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }

    private static void AddAppLayer(CounterSnapshot snapshot, SessionServices services)
    {
        var app = services.AppLayer;
        foreach (var protocol in Protocols)
            snapshot.Add("app_layer", $"flows_{Name(protocol)}", app.Flows(protocol));
        snapshot.Add("app_layer", "flows_failed", app.DetectionFailed);
        foreach (var protocol in Protocols)
            snapshot.Add("app_layer", $"tx_{Name(protocol)}", app.Transactions(protocol));

        var http = services.HttpCounters;
        snapshot.Add("http", "requests", http.Requests);
        snapshot.Add("http", "responses", http.Responses);
        snapshot.Add("http", "gaps", http.Gaps);
        snapshot.Add("http", "truncated_messages", http.TruncatedMessages);
        snapshot.Add("http", "bodies_truncated", http.BodiesTruncated);
        snapshot.Add("http", "pipeline_overflows", http.PipelineOverflows);
        snapshot.Add("http", "errors", http.Errors);

        var dns = services.DnsCounters;
        snapshot.Add("dns", "messages", dns.Messages);
        snapshot.Add("dns", "queries", dns.Queries);
        snapshot.Add("dns", "responses", dns.Responses);
        snapshot.Add("dns", "tcp_messages", dns.TcpMessages);
        snapshot.Add("dns", "pointer_loops", dns.PointerLoop);
        snapshot.Add("dns", "errors", dns.Errors);

        snapshot.Add("ssh", "client_banners", services.SshCounters.ClientBanners);
        snapshot.Add("ssh", "server_banners", services.SshCounters.ServerBanners);
        snapshot.Add("ssh", "errors", services.SshCounters.Errors);
        snapshot.Add("mqtt", "messages", services.MqttCounters.Messages);
        snapshot.Add("mqtt", "errors", services.MqttCounters.Errors);
        snapshot.Add("coap", "messages", services.CoapCounters.Messages);
        snapshot.Add("coap", "errors", services.CoapCounters.Errors);

        var tls = services.TlsCounters;
        snapshot.Add("tls", "client_hellos", tls.ClientHellos);
        snapshot.Add("tls", "server_hellos", tls.ServerHellos);
        snapshot.Add("tls", "certificates", tls.Certificates);
        snapshot.Add("tls", "encrypted_stops", tls.EncryptedStops);
        snapshot.Add("tls", "gaps", tls.Gaps);
        snapshot.Add("tls", "errors", tls.Errors);
    }

    private static string Name(DecodeLayer layer) => layer.ToString().ToLowerInvariant();

    private static string Name(DecodeStatus status) => status.ToString().ToLowerInvariant();

    private static string Name(AppProtocol protocol) => protocol.ToString().ToLowerInvariant();
}
