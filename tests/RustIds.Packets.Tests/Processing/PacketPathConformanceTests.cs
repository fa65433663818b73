using System.Globalization;
using System.Text;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Tls;
using RustIds.Packets.Processing;

namespace RustIds.Packets.Tests.Processing;

/// <summary>
/// Exactness against tshark over a generated capture of every kind of traffic (VLAN, QinQ, IPv6 extension
/// headers, fragments, GRE, VXLAN, retransmissions, out-of-order segments): per frame the decoded fields,
/// per frame the app-layer fields the rule engine matches on.
/// </summary>
public sealed class PacketPathConformanceTests
{
    private static readonly string[] PacketFields = ["frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "tcp.flags", "tcp.len", "udp.length"];

    [SkippableFact]
    public void Decode_GeneratedConformanceCapture_EveryFrameMatchesTshark()
    {
        Skip.If(TsharkOracle.Path is null, "tshark is not installed (Debian package tshark)");
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        var path = GeneratedCapture.Create(temp.Path, "conformance", 5000);
        // Per frame, fragments undissected: rustids' decoder also sees each frame on its own. All
        // occurrences, because tunnels repeat a field (outer, inner): the inner is the one rustids reports.
        var rows = Tshark(path, PacketFields, "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE");

        using var source = PcapFileSource.Open(path);
        var number = 0;
        var tunnelled = 0;
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            var row = rows[number++];
            var packet = new Packet { TimestampTicks = frame.TimestampTicks, WireLength = frame.WireLength };
            Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(source.LinkType, frame.Data, ref packet));
            var where = $"frame {number}";
            tunnelled += packet.TunnelDepth > 0 ? 1 : 0;
            var (src, dst) = packet.Source.IsV4 ? (row[1], row[2]) : (row[3], row[4]);
            Assert.True(At(src, packet.TunnelDepth) == packet.Source.ToString(), $"{where}: source {src} vs {packet.Source}");
            Assert.True(At(dst, packet.TunnelDepth) == packet.Destination.ToString(), $"{where}: destination {dst} vs {packet.Destination}");
            if (packet.Protocol == IpProtocol.Tcp)
            {
                Assert.True(Last(row[5]) == Text(packet.SourcePort) && Last(row[6]) == Text(packet.DestinationPort), $"{where}: tcp ports");
                Assert.True(Convert.ToInt32(Last(row[9]), 16) == (int)packet.TcpFlags, $"{where}: tcp flags {row[9]} vs {packet.TcpFlags}");
                Assert.True(Last(row[10]) == Text(packet.Payload.Length), $"{where}: tcp.len {row[10]} vs {packet.Payload.Length}");
            }
            else if (packet.Protocol == IpProtocol.Udp && packet.SourcePort != 0)
            {
                Assert.True(Last(row[7]) == Text(packet.SourcePort) && Last(row[8]) == Text(packet.DestinationPort), $"{where}: udp ports");
                // A first fragment's UDP length covers the whole datagram; rustids' payload is what this frame holds.
                if (!packet.IsFragment)
                    Assert.True(Last(row[11]) == Text(packet.Payload.Length + 8), $"{where}: udp.length {row[11]} vs {packet.Payload.Length + 8}");
            }
        }
        Assert.Equal(rows.Count, number);
        Assert.True(tunnelled > 0, "the capture had no GRE or VXLAN frame");
    }

    [SkippableFact]
    public void Process_GeneratedConformanceCapture_AppLayerFieldsMatchTshark()
    {
        Skip.If(TsharkOracle.Path is null, "tshark is not installed (Debian package tshark)");
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        var path = GeneratedCapture.Create(temp.Path, "conformance", 5000);
        string[] fields = ["frame.number", "http.request.method", "http.request.uri", "http.host", "http.user_agent", "dns.qry.name", "tls.handshake.extensions_server_name"];
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in Tshark(path, fields, "-o", "tcp.reassemble_out_of_order:TRUE", "-Y", "http.request || dns || tls.handshake.extensions_server_name"))
        {
            if (row[1].Length > 0)
                expected.Add($"{row[0]} http {row[1]} {row[2]} {row[3]} {row[4]}");
            foreach (var name in row[5].Split(',', StringSplitOptions.RemoveEmptyEntries))
                expected.Add($"{row[0]} dns {name}");
            if (row[6].Length > 0)
                expected.Add($"{row[0]} sni {row[6]}");
        }

        var observer = new FieldRecorder();
        var processor = new PacketProcessor(LinkType.Ethernet, new PacketProcessorOptions(), observer);
        using (var source = PcapFileSource.Open(path))
        {
            var handler = new CountingHandler();
            while (source.ReadNext(out var frame) == PacketReadResult.Packet)
            {
                observer.Frame++;
                processor.Process(in frame, ref handler);
            }
        }
        processor.Flush();

        var missing = expected.Except(observer.Seen).ToList();
        var extra = observer.Seen.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{expected.Count} expected; missing {missing.Count}: {string.Join(" | ", missing.Take(8))}; extra {extra.Count}: {string.Join(" | ", extra.Take(8))}");
        Assert.True(expected.Count(e => e.Contains(" http ", StringComparison.Ordinal)) > 10, "too few HTTP requests to mean anything");
        var snapshot = new CounterSnapshot();
        processor.AddTo(snapshot);
        Assert.True(observer.StreamBytes > 100_000, $"stream matching would see only {observer.StreamBytes} bytes");
        Assert.Equal(snapshot.Get("reassembly", "bytes_delivered"), observer.StreamBytes);
        Assert.True(expected.Count(e => e.Contains(" sni ", StringComparison.Ordinal)) > 10, "too few TLS handshakes to mean anything");
    }

    private static List<string[]> Tshark(string path, string[] fields, params string[] extra)
    {
        List<string> arguments = ["-r", path, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", .. extra];
        foreach (var field in fields)
            arguments.AddRange(["-e", field]);
        return [.. Tool.RunChecked(TsharkOracle.Path!, [.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(cells => cells.Length >= fields.Length ? cells : [.. cells, .. Enumerable.Repeat(string.Empty, fields.Length - cells.Length)])];
    }

    private static string At(string values, int index)
    {
        var parts = values.Split(',');
        return parts[Math.Min(index, parts.Length - 1)];
    }

    private static string Last(string values) => values.Split(',')[^1];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class FieldRecorder : IAppLayerObserver
    {
        public int Frame { get; set; }

        public SortedSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public long StreamBytes { get; private set; }

        public void OnStreamData(in AppLayerContext context, ReadOnlySpan<byte> data) => StreamBytes += data.Length;

        public void OnHttp(in AppLayerContext context, HttpTransaction transaction, HttpProgress progress)
        {
            if (progress != HttpProgress.RequestHeaders)
                return;
            transaction.TryGetRequestHeader("host"u8, out var host);
            Seen.Add($"{Frame} http {S(transaction.Method)} {S(transaction.RawUri)} {S(host)} {S(transaction.UserAgent)}");
        }

        public void OnDns(in AppLayerContext context, DnsMessage message)
        {
            for (var i = 0; i < message.QuestionCount; i++)
                Seen.Add($"{Frame} dns {S(message.GetQuestion(i).Name)}");
        }

        public void OnTlsClientHello(in AppLayerContext context, TlsClientHello hello)
        {
            if (hello.HasServerName)
                Seen.Add($"{Frame} sni {S(hello.ServerName)}");
        }

        private static string S(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
    }
}
