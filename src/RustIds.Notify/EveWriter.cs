using System.Globalization;
using System.Text.Json;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Packets.AppLayer;

namespace RustIds.Notify;

/// <summary>
/// Appends Suricata EVE JSON records (one object per line) to a file, so tools built for
/// Suricata's <c>eve.json</c> (jq, Filebeat's suricata module, EveBox) read rustids' alerts.
/// </summary>
/// <remarks>
/// Field names and types follow Suricata's EVE schema. Each record is flushed when written (see
/// <see cref="JsonLinesFile"/> for why). Call <see cref="Reopen"/> on SIGHUP after logrotate has
/// moved the file. Thread-safe.
/// </remarks>
public sealed class EveWriter : IDisposable
{
    private readonly JsonLinesFile _file;

    /// <summary>Opens (creating directories and the file as needed) <paramref name="path"/> for appending.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="rotation">Rotation by size or age done by rustids; null leaves it to logrotate and SIGHUP.</param>
    /// <param name="time">Clock for age-based rotation; the system clock by default.</param>
    public EveWriter(string path, LogRotation? rotation = null, TimeProvider? time = null) => _file = new JsonLinesFile(path, rotation, time);

    /// <summary>Files rotated away since start.</summary>
    public int Rotations => _file.Rotations;

    /// <summary>Absolute path of the EVE file.</summary>
    public string Path => _file.Path;

    /// <summary>Writes one <c>"event_type":"alert"</c> record.</summary>
    /// <param name="alert">The alert to log.</param>
    /// <param name="action">Whether the traffic was let through or blocked.</param>
    public void WriteAlert(Alert alert, EveAlertAction action)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _file.WriteLine((alert, action), static (json, state) => WriteAlertRecord(json, state.alert, state.action));
    }

    /// <summary>Writes one <c>"event_type":"stats"</c> record (Suricata's periodic counters, the subset rustids has).</summary>
    public void WriteStats(EveStats stats, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stats);
        _file.WriteLine((stats, at), static (json, state) => WriteStatsRecord(json, state.stats, state.at));
    }

    /// <summary>Writes one flow or transaction record (<c>flow</c>, <c>http</c>, <c>dns</c>, <c>tls</c>).</summary>
    public void WriteEvent(EveEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _file.WriteLine(record, static (json, state) => WriteEventRecord(json, state));
    }

    /// <summary>Closes and reopens the file at <see cref="Path"/> (after log rotation).</summary>
    public void Reopen() => _file.Reopen();

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    internal static void WriteAlertRecord(Utf8JsonWriter json, Alert alert, EveAlertAction action)
    {
        json.WriteStartObject();
        WriteHeader(json, "alert"u8, alert.Timestamp, new EveFlowTuple(alert.FlowId, alert.Source, alert.SourcePort, alert.Destination, alert.DestinationPort, alert.Protocol),
            alert.AppProtocol, alert.InterfaceName);
        switch (alert.Direction)
        {
            case FlowDirection.ToServer:
                json.WriteString("direction"u8, "to_server"u8);
                break;
            case FlowDirection.ToClient:
                json.WriteString("direction"u8, "to_client"u8);
                break;
        }

        json.WriteStartObject("alert"u8);
        json.WriteString("action"u8, action == EveAlertAction.Blocked ? "blocked"u8 : "allowed"u8);
        json.WriteNumber("gid"u8, alert.Gid);
        json.WriteNumber("signature_id"u8, alert.Sid);
        json.WriteNumber("rev"u8, alert.Rev);
        json.WriteString("signature"u8, alert.Signature);
        json.WriteString("category"u8, alert.Category);
        json.WriteNumber("severity"u8, alert.Severity);
        WriteMetadata(json, alert.Metadata);
        json.WriteEndObject();
        if (alert.AppLayer is { } appLayer)
            WriteAppLayer(json, appLayer);

        if (!alert.Payload.IsEmpty)
        {
            var payload = alert.Payload.Span;
            json.WriteBase64String("payload"u8, payload);
            json.WriteString("payload_printable"u8, ToPrintable(payload));
        }
        if (alert.Packet is { } packet)
        {
            json.WriteBase64String("packet"u8, packet.Frame.Span);
            json.WriteStartObject("packet_info"u8);
            json.WriteNumber("linktype"u8, (int)packet.LinkType);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    internal static void WriteEventRecord(Utf8JsonWriter json, EveEvent record)
    {
        json.WriteStartObject();
        switch (record)
        {
            case EveFlowEvent flow:
                WriteHeader(json, "flow"u8, flow.Timestamp, flow.Tuple, flow.AppProtocol, flow.InterfaceName);
                WriteFlow(json, flow);
                break;
            case EveTransactionEvent transaction:
                var appLayer = transaction.AppLayer;
                var eventType = appLayer.Http is not null ? "http"u8 : appLayer.Dns is not null ? "dns"u8 : "tls"u8;
                WriteHeader(json, eventType, transaction.Timestamp, transaction.Tuple, transaction.AppProtocol, transaction.InterfaceName);
                WriteAppLayer(json, appLayer);
                break;
        }
        json.WriteEndObject();
    }

    /// <summary>The fields every EVE record starts with, in Suricata's order: time, flow, interface, type, tuple, protocols.</summary>
    private static void WriteHeader(Utf8JsonWriter json, ReadOnlySpan<byte> eventType, DateTimeOffset timestamp, EveFlowTuple tuple, AppProtocol appProtocol, string interfaceName)
    {
        Span<char> time = stackalloc char[40];
        json.WriteString("timestamp"u8, time[..FormatTimestamp(timestamp, time)]);
        if (tuple.FlowId != 0)
            json.WriteNumber("flow_id"u8, tuple.FlowId);
        if (!string.IsNullOrEmpty(interfaceName))
            json.WriteString("in_iface"u8, interfaceName);
        json.WriteString("event_type"u8, eventType);
        json.WriteString("src_ip"u8, tuple.Source.ToString());
        // Suricata writes ports only for port-carrying protocols; ICMP records have none.
        var hasPorts = tuple.Protocol is IpProtocol.Tcp or IpProtocol.Udp;
        if (hasPorts)
            json.WriteNumber("src_port"u8, tuple.SourcePort);
        json.WriteString("dest_ip"u8, tuple.Destination.ToString());
        if (hasPorts)
            json.WriteNumber("dest_port"u8, tuple.DestinationPort);
        WriteProto(json, tuple.Protocol);
        WriteAppProto(json, appProtocol);
    }

    /// <summary>Suricata's <c>flow</c> object: counters each way, start and end, age in seconds, state and reason.</summary>
    private static void WriteFlow(Utf8JsonWriter json, EveFlowEvent flow)
    {
        json.WriteStartObject("flow"u8);
        json.WriteNumber("pkts_toserver"u8, flow.PacketsToServer);
        json.WriteNumber("pkts_toclient"u8, flow.PacketsToClient);
        json.WriteNumber("bytes_toserver"u8, flow.BytesToServer);
        json.WriteNumber("bytes_toclient"u8, flow.BytesToClient);
        Span<char> time = stackalloc char[40];
        json.WriteString("start"u8, time[..FormatTimestamp(flow.Start, time)]);
        json.WriteString("end"u8, time[..FormatTimestamp(flow.Timestamp, time)]);
        json.WriteNumber("age"u8, (long)(flow.Timestamp - flow.Start).TotalSeconds);
        // Suricata's flow states are new, established and closed; its reasons timeout, forced (evicted or reused) and shutdown.
        json.WriteString("state"u8, flow.State switch
        {
            FlowState.New or FlowState.SynReceived => "new"u8,
            FlowState.Established or FlowState.Closing => "established"u8,
            _ => "closed"u8,
        });
        json.WriteString("reason"u8, flow.Reason switch
        {
            FlowEndReason.Timeout => "timeout"u8,
            FlowEndReason.Shutdown => "shutdown"u8,
            _ => "forced"u8,
        });
        json.WriteEndObject();
    }

    internal static void WriteStatsRecord(Utf8JsonWriter json, EveStats stats, DateTimeOffset at)
    {
        json.WriteStartObject();
        Span<char> time = stackalloc char[40];
        json.WriteString("timestamp"u8, time[..FormatTimestamp(at, time)]);
        json.WriteString("event_type"u8, "stats"u8);
        json.WriteStartObject("stats"u8);
        json.WriteNumber("uptime"u8, (long)stats.Uptime.TotalSeconds);
        if (stats.KernelPackets is { } kernelPackets)
        {
            json.WriteStartObject("capture"u8);
            json.WriteNumber("kernel_packets"u8, kernelPackets);
            json.WriteNumber("kernel_drops"u8, stats.KernelDrops ?? 0);
            json.WriteNumber("kernel_ifdrops"u8, stats.InterfaceDrops ?? 0);
            json.WriteEndObject();
        }
        json.WriteStartObject("decoder"u8);
        json.WriteNumber("pkts"u8, stats.Packets);
        json.WriteNumber("bytes"u8, stats.Bytes);
        json.WriteNumber("invalid"u8, stats.Invalid);
        json.WriteNumber("avg_pkt_size"u8, stats.Packets == 0 ? 0 : stats.Bytes / stats.Packets);
        json.WriteEndObject();
        json.WriteStartObject("flow"u8);
        json.WriteNumber("total"u8, stats.FlowsTotal);
        json.WriteNumber("active"u8, stats.FlowsActive);
        json.WriteEndObject();
        json.WriteStartObject("detect"u8);
        json.WriteNumber("alert"u8, stats.Alerts);
        json.WriteNumber("alert_queue_overflow"u8, stats.AlertsDropped);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Suricata's <c>alert.metadata</c>: each key with the list of its values, in rule order.</summary>
    private static void WriteMetadata(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        if (metadata.Count == 0)
            return;
        json.WriteStartObject("metadata"u8);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in metadata)
        {
            if (!written.Add(key))
                continue;
            json.WriteStartArray(key);
            foreach (var (otherKey, value) in metadata)
            {
                if (otherKey == key)
                    json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>The transaction's <c>http</c>, <c>dns</c> and <c>tls</c> objects, with Suricata's field names.</summary>
    private static void WriteAppLayer(Utf8JsonWriter json, RustIds.Rules.Evaluation.AppLayerSnapshot appLayer)
    {
        if (appLayer.Http is { } http)
        {
            json.WriteStartObject("http"u8);
            WriteOptional(json, "hostname"u8, http.Hostname);
            WriteOptional(json, "url"u8, http.Url);
            WriteOptional(json, "http_user_agent"u8, http.UserAgent);
            WriteOptional(json, "http_content_type"u8, http.ContentType);
            WriteOptional(json, "http_refer"u8, http.Referer);
            WriteOptional(json, "http_method"u8, http.Method);
            WriteOptional(json, "protocol"u8, http.Protocol);
            if (http.Status is { } status)
                json.WriteNumber("status"u8, status);
            json.WriteEndObject();
        }
        if (appLayer.Dns is { } dns)
        {
            json.WriteStartObject("dns"u8);
            // Suricata 8's DNS record layout (queries as an array of objects) is version 3, which the schema requires.
            json.WriteNumber("version"u8, 3);
            json.WriteString("type"u8, dns.IsResponse ? "response"u8 : "request"u8);
            json.WriteNumber("id"u8, dns.Id);
            if (dns.Queries.Count > 0)
            {
                json.WriteStartArray("queries"u8);
                foreach (var query in dns.Queries)
                {
                    json.WriteStartObject();
                    json.WriteString("rrname"u8, query.Name ?? "");
                    json.WriteString("rrtype"u8, DnsTypeName(query.Type));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        if (appLayer.Tls is { } tls)
        {
            json.WriteStartObject("tls"u8);
            WriteOptional(json, "sni"u8, tls.ServerName);
            json.WriteString("version"u8, TlsVersionName(tls.Version));
            if (tls.Ja3 is { } ja3)
            {
                json.WriteStartObject("ja3"u8);
                json.WriteString("hash"u8, ja3.Hash);
                json.WriteString("string"u8, ja3.Text);
                json.WriteEndObject();
            }
            WriteOptional(json, "ja4"u8, tls.Ja4);
            json.WriteEndObject();
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    /// <summary>Suricata's rrtype names for the common types, the number as text otherwise.</summary>
    private static string DnsTypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        10 => "NULL",
        12 => "PTR",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        35 => "NAPTR",
        43 => "DS",
        46 => "RRSIG",
        48 => "DNSKEY",
        64 => "SVCB",
        65 => "HTTPS",
        255 => "ANY",
        _ => type.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Suricata's version strings (<c>TLS 1.2</c>, <c>SSLv3</c>), hex for anything else.</summary>
    private static string TlsVersionName(ushort version) => version switch
    {
        0x0300 => "SSLv3",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        0 => "UNDETERMINED",
        _ => "0x" + version.ToString("x4", CultureInfo.InvariantCulture),
    };

    /// <summary>Suricata's timestamp: <c>2026-12-04T13:11:50.123456+0000</c> (microseconds, offset without colon).</summary>
    internal static int FormatTimestamp(DateTimeOffset value, Span<char> destination)
    {
        value.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var offset = value.Offset;
        destination[written++] = offset < TimeSpan.Zero ? '-' : '+';
        var minutes = (int)Math.Abs(offset.TotalMinutes);
        (minutes / 60).TryFormat(destination[written..], out var hours, "00", CultureInfo.InvariantCulture);
        written += hours;
        (minutes % 60).TryFormat(destination[written..], out var mins, "00", CultureInfo.InvariantCulture);
        return written + mins;
    }

    /// <summary>Suricata's names; "failed" when detection gave up, nothing before a protocol is known.</summary>
    private static void WriteAppProto(Utf8JsonWriter json, AppProtocol protocol)
    {
        var name = protocol switch
        {
            AppProtocol.Http => "http"u8,
            AppProtocol.Dns => "dns"u8,
            AppProtocol.Tls => "tls"u8,
            AppProtocol.Ssh => "ssh"u8,
            AppProtocol.Mqtt => "mqtt"u8,
            AppProtocol.Coap => "coap"u8,
            AppProtocol.Failed => "failed"u8,
            _ => default,
        };
        if (!name.IsEmpty)
            json.WriteString("app_proto"u8, name);
    }

    private static void WriteProto(Utf8JsonWriter json, IpProtocol protocol)
    {
        switch (protocol)
        {
            case IpProtocol.Tcp:
                json.WriteString("proto"u8, "TCP"u8);
                break;
            case IpProtocol.Udp:
                json.WriteString("proto"u8, "UDP"u8);
                break;
            case IpProtocol.Icmp:
                json.WriteString("proto"u8, "ICMP"u8);
                break;
            case IpProtocol.IcmpV6:
                json.WriteString("proto"u8, "IPv6-ICMP"u8);
                break;
            default:
                // Suricata writes the protocol number as text when it has no name for it.
                json.WriteString("proto"u8, ((byte)protocol).ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Suricata's payload_printable: printable ASCII, CR and LF kept, every other byte as '.'.</summary>
    internal static string ToPrintable(ReadOnlySpan<byte> payload) =>
        string.Create(payload.Length, payload, static (chars, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                chars[i] = b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' ? (char)b : '.';
            }
        });
}
