using System.Text;
using System.Text.Json;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Rules.Evaluation;

namespace RustIds.Notify.Tests;

public sealed class EveWriterTests
{
    [SkippableFact]
    public void WriteAlert_AllProtocols_EveryLineValidAgainstSuricataSchema()
    {
        var missing = EveSchema.MissingReason();
        Skip.If(missing is not null, missing);
        using var dir = new TempDirectory();
        var path = dir.File("log", "nested", "eve.json");
        using (var eve = new EveWriter(path))
        {
            eve.WriteAlert(TestData.TcpAlert(), EveAlertAction.Blocked);
            eve.WriteAlert(TestData.UdpAlert(), EveAlertAction.Allowed);
            eve.WriteAlert(TestData.IcmpAlert(), EveAlertAction.Allowed);
            eve.WriteAlert(TestData.Icmpv6Alert(), EveAlertAction.Blocked);
            eve.WriteAlert(TestData.Tcpv6Alert(), EveAlertAction.Blocked);
            eve.WriteAlert(TestData.UdpAlert() with
            {
                Metadata = [new("attack_target", "Client_Endpoint"), new("signature_severity", "Major")],
                AppLayer = new AppLayerSnapshot { Dns = new DnsSnapshot(0x1234, false, [new DnsQuerySnapshot("exfil.example.org", 16), new DnsQuerySnapshot("x.example", 999)]) },
            }, EveAlertAction.Allowed);
            eve.WriteAlert(TestData.TcpAlert() with
            {
                AppLayer = new AppLayerSnapshot
                {
                    Tls = new TlsSnapshot("evil.example", 0x0303),
                    Http = new HttpSnapshot("evil.example", "/a?b=\"c\"", "POST", "HTTP/1.1", "curl/8.5", null, null, 404),
                },
            }, EveAlertAction.Blocked);
            eve.WriteStats(new EveStats(TimeSpan.FromMinutes(5), 1000, 640_000, 3, 1010, 7, 0, 40, 12, 2, 0), TestData.TcpAlert().Timestamp);
        }

        var (exit, output) = EveSchema.Validate(path);

        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("TXT", lines[5].GetProperty("dns").GetProperty("queries")[0].GetProperty("rrtype").GetString());
        Assert.Equal("999", lines[5].GetProperty("dns").GetProperty("queries")[1].GetProperty("rrtype").GetString());
        Assert.Equal("Major", lines[5].GetProperty("alert").GetProperty("metadata").GetProperty("signature_severity")[0].GetString());
        Assert.Equal("TLS 1.2", lines[6].GetProperty("tls").GetProperty("version").GetString());
        Assert.Equal(404, lines[6].GetProperty("http").GetProperty("status").GetInt32());
        Assert.Equal(7, lines[7].GetProperty("stats").GetProperty("capture").GetProperty("kernel_drops").GetInt64());
        Assert.Equal(8, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(" ok", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void WriteEvent_FlowAndTransactions_ValidateAndCarryTheClientAsSource()
    {
        var missing = EveSchema.MissingReason();
        Skip.If(missing is not null, missing);
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        var start = new DateTimeOffset(2026, 12, 4, 13, 0, 0, TimeSpan.Zero);
        var tuple = new EveFlowTuple(42, IpAddr.Parse("203.0.113.9"), 51000, IpAddr.Parse("10.0.0.5"), 443, IpProtocol.Tcp);
        using (var eve = new EveWriter(path))
        {
            eve.WriteEvent(new EveFlowEvent(start.AddSeconds(90), tuple, RustIds.Packets.AppLayer.AppProtocol.Tls, "eth0", 12, 10, 2400, 64_000, start, FlowState.Closed, FlowEndReason.Timeout));
            eve.WriteEvent(new EveFlowEvent(start.AddSeconds(5), tuple with { Protocol = IpProtocol.Icmp }, default, "", 3, 0, 252, 0, start, FlowState.New, FlowEndReason.Evicted));
            eve.WriteEvent(new EveTransactionEvent(start, tuple, RustIds.Packets.AppLayer.AppProtocol.Tls, "eth0",
                new AppLayerSnapshot { Tls = new TlsSnapshot("shop.example", 0x0304) { Ja3 = new Ja3Snapshot("3d90a696919abaf92ba5e076e4421a6a", "771,4865,0-23,29,0"), Ja4 = "t13d151300_8daaf6152771_bc9a4605e104" } }));
            eve.WriteEvent(new EveTransactionEvent(start, tuple with { DestinationPort = 53, Protocol = IpProtocol.Udp }, RustIds.Packets.AppLayer.AppProtocol.Dns, "",
                new AppLayerSnapshot { Dns = new DnsSnapshot(7, true, [new DnsQuerySnapshot("example.org", 1)]) }));
            eve.WriteEvent(new EveTransactionEvent(start, tuple with { DestinationPort = 80 }, RustIds.Packets.AppLayer.AppProtocol.Http, "",
                new AppLayerSnapshot { Http = new HttpSnapshot("example.org", "/", "GET", "HTTP/1.1", null, null, null, null) }));
        }

        var (exit, output) = EveSchema.Validate(path);

        Assert.True(exit == 0, output);
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["flow", "flow", "tls", "dns", "http"], lines.Select(l => l.GetProperty("event_type").GetString()));
        var flow = lines[0].GetProperty("flow");
        Assert.Equal("closed", flow.GetProperty("state").GetString());
        Assert.Equal("timeout", flow.GetProperty("reason").GetString());
        Assert.Equal(90, flow.GetProperty("age").GetInt32());
        Assert.Equal(64_000, flow.GetProperty("bytes_toclient").GetInt64());
        Assert.Equal("2026-12-04T13:00:00.000000+0000", flow.GetProperty("start").GetString());
        Assert.Equal("203.0.113.9", lines[0].GetProperty("src_ip").GetString());
        Assert.Equal(42UL, lines[0].GetProperty("flow_id").GetUInt64());
        Assert.Equal("tls", lines[0].GetProperty("app_proto").GetString());
        Assert.Equal(("new", "forced"), (lines[1].GetProperty("flow").GetProperty("state").GetString(), lines[1].GetProperty("flow").GetProperty("reason").GetString()));
        Assert.False(lines[1].TryGetProperty("src_port", out _), "ICMP has no ports");
        Assert.Equal("3d90a696919abaf92ba5e076e4421a6a", lines[2].GetProperty("tls").GetProperty("ja3").GetProperty("hash").GetString());
        Assert.Equal("TLS 1.3", lines[2].GetProperty("tls").GetProperty("version").GetString());
        Assert.Equal("response", lines[3].GetProperty("dns").GetProperty("type").GetString());
        Assert.Equal("/", lines[4].GetProperty("http").GetProperty("url").GetString());
    }

    [SkippableFact]
    public void SchemaCheck_BadLine_IsRejected()
    {
        var missing = EveSchema.MissingReason();
        Skip.If(missing is not null, missing);
        using var dir = new TempDirectory();
        var path = dir.File("bad.json");
        File.WriteAllText(path,
            """{"timestamp":"2026-12-04T13:11:50.123456+0000","event_type":"alert","src_port":"80"}""" + "\n" +
            """{"timestamp":"2026-12-04T13:11:50+0000","event_type":"alert","alert":{"signature_id":"1"}}""" + "\n");

        var (exit, output) = EveSchema.Validate(path);

        Assert.Equal(1, exit);
        Assert.Contains("'80' is not of type 'integer'", output, StringComparison.Ordinal);
        Assert.Contains("does not match", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAlert_Tcp_WritesSuricataFieldsAndTypes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        using (var eve = new EveWriter(path))
            eve.WriteAlert(TestData.TcpAlert(), EveAlertAction.Blocked);

        var lines = File.ReadAllLines(path);
        var root = Assert.Single(lines.Select(l => JsonDocument.Parse(l).RootElement));
        Assert.Equal("2026-12-04T13:11:50.123456+0000", root.GetProperty("timestamp").GetString());
        Assert.Equal(1_234_567_890_123UL, root.GetProperty("flow_id").GetUInt64());
        Assert.Equal("eth0", root.GetProperty("in_iface").GetString());
        Assert.Equal("alert", root.GetProperty("event_type").GetString());
        Assert.Equal("203.0.113.7", root.GetProperty("src_ip").GetString());
        Assert.Equal(51234, root.GetProperty("src_port").GetInt32());
        Assert.Equal("192.0.2.10", root.GetProperty("dest_ip").GetString());
        Assert.Equal(80, root.GetProperty("dest_port").GetInt32());
        Assert.Equal("TCP", root.GetProperty("proto").GetString());
        Assert.Equal("to_server", root.GetProperty("direction").GetString());
        var alert = root.GetProperty("alert");
        Assert.Equal("blocked", alert.GetProperty("action").GetString());
        Assert.Equal(1, alert.GetProperty("gid").GetInt32());
        Assert.Equal(1000001, alert.GetProperty("signature_id").GetInt64());
        Assert.Equal(3, alert.GetProperty("rev").GetInt32());
        Assert.Equal("LOCAL SQL injection attempt \"UNION SELECT\"", alert.GetProperty("signature").GetString());
        Assert.Equal("Web Application Attack", alert.GetProperty("category").GetString());
        Assert.Equal(1, alert.GetProperty("severity").GetInt32());
        Assert.Equal(TestData.TcpAlert().Payload.ToArray(), root.GetProperty("payload").GetBytesFromBase64());
        Assert.Equal("GET /?id=1 UNION SELECT\r\n..", root.GetProperty("payload_printable").GetString());
    }

    [Fact]
    public void WriteAlert_IcmpWithoutFlow_OmitsPortsFlowIdDirectionAndInterface()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        using (var eve = new EveWriter(path))
        {
            eve.WriteAlert(TestData.IcmpAlert() with { InterfaceName = "" }, EveAlertAction.Allowed);
            eve.WriteAlert(TestData.Icmpv6Alert(), EveAlertAction.Allowed);
        }

        var roots = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, roots.Length);
        var icmp = roots[0];
        Assert.Equal("ICMP", icmp.GetProperty("proto").GetString());
        Assert.Equal("2026-01-02T03:04:05.000000-0530", icmp.GetProperty("timestamp").GetString());
        foreach (var absent in new[] { "src_port", "dest_port", "flow_id", "direction", "in_iface" })
            Assert.False(icmp.TryGetProperty(absent, out _), absent);
        Assert.Equal("allowed", icmp.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal("IPv6-ICMP", roots[1].GetProperty("proto").GetString());
        Assert.Equal("2001:db8::7", roots[1].GetProperty("src_ip").GetString());
    }

    [Fact]
    public void WriteAlert_EachRecord_IsOnDiskBeforeDispose()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        using var eve = new EveWriter(path);

        eve.WriteAlert(TestData.UdpAlert(), EveAlertAction.Allowed);

        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var text = new StreamReader(reader, Encoding.UTF8).ReadToEnd();
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("\"to_client\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopen_AfterRotationRename_WritesToFreshFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        var rotated = dir.File("eve.json.1");
        using var eve = new EveWriter(path);
        eve.WriteAlert(TestData.TcpAlert(), EveAlertAction.Blocked);

        File.Move(path, rotated);
        eve.WriteAlert(TestData.UdpAlert(), EveAlertAction.Allowed);   // still goes to the moved file, like Suricata before SIGHUP
        eve.Reopen();
        eve.WriteAlert(TestData.IcmpAlert(), EveAlertAction.Allowed);

        Assert.Equal(2, File.ReadAllLines(rotated).Length);
        var fresh = Assert.Single(File.ReadAllLines(path));
        Assert.Contains("\"proto\":\"ICMP\"", fresh, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAlert_AfterDispose_Throws()
    {
        using var dir = new TempDirectory();
        var eve = new EveWriter(dir.File("eve.json"));
        eve.Dispose();

        Assert.Throws<ObjectDisposedException>(() => eve.WriteAlert(TestData.TcpAlert(), EveAlertAction.Allowed));
    }

    [Fact]
    public void Constructor_ExistingFile_Appends()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        using (var first = new EveWriter(path))
            first.WriteAlert(TestData.TcpAlert(), EveAlertAction.Blocked);
        using (var second = new EveWriter(path))
            second.WriteAlert(TestData.TcpAlert(), EveAlertAction.Blocked);

        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Rotation_BySize_SplitsWholeRecords_LosesNone_KeepsTheNewest()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        File.WriteAllText(dir.File("eve.json.bak"), "an operator's own copy\n");
        var clock = new ManualTimeProvider();
        const int records = 400;
        int rotations;
        using (var eve = new EveWriter(path, new LogRotation(MaxBytes: 16 * 1024, KeepFiles: 3), clock))
        {
            for (var i = 0; i < records; i++)
            {
                eve.WriteAlert(SampleAlert(i), EveAlertAction.Allowed);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            rotations = eve.Rotations;
        }

        var rotated = Directory.GetFiles(dir.Path, "eve.json.2*").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.True(rotations > 3, $"only {rotations} rotations");
        Assert.Equal(3, rotated.Length);
        Assert.True(File.Exists(dir.File("eve.json.bak")), "a file rustids did not write was deleted");
        var lines = rotated.Append(path).SelectMany(File.ReadAllLines).ToList();
        foreach (var file in rotated)
            Assert.InRange(new FileInfo(file).Length, 1, 16 * 1024);
        // Every kept line is whole JSON and the newest records are all there, in order.
        var sids = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("alert").GetProperty("signature_id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(records - sids.Count, sids.Count).Select(i => (long)i), sids);
    }

    [Fact]
    public void Rotation_ByTime_RotatesOnlyAfterTheInterval()
    {
        using var dir = new TempDirectory();
        var path = dir.File("eve.json");
        var clock = new ManualTimeProvider();
        using var eve = new EveWriter(path, new LogRotation(Interval: TimeSpan.FromHours(1)), clock);

        eve.WriteAlert(SampleAlert(1), EveAlertAction.Allowed);
        clock.Advance(TimeSpan.FromMinutes(59));
        eve.WriteAlert(SampleAlert(2), EveAlertAction.Allowed);
        Assert.Equal(0, eve.Rotations);
        clock.Advance(TimeSpan.FromMinutes(1));
        eve.WriteAlert(SampleAlert(3), EveAlertAction.Allowed);

        Assert.Equal(1, eve.Rotations);
        var rotated = Assert.Single(Directory.GetFiles(dir.Path, "eve.json.2*"));
        Assert.EndsWith(".20261204-141150", rotated, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(rotated).Length);
        Assert.Single(File.ReadAllLines(path));
    }

    private static Alert SampleAlert(long sid) => new()
    {
        Timestamp = new DateTimeOffset(2026, 12, 4, 13, 0, 0, TimeSpan.Zero),
        Source = IpAddr.Parse("203.0.113.9"),
        Destination = IpAddr.Parse("192.168.1.10"),
        SourcePort = 40000,
        DestinationPort = 80,
        Protocol = IpProtocol.Tcp,
        Sid = sid,
        Signature = "rotation test " + new string('x', 60),
        Severity = 2,
    };
}
