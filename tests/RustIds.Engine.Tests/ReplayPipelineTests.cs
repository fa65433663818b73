using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Configuration;
using RustIds.Engine.Pipeline;
using RustIds.Notify;
using RustIds.Packets;

namespace RustIds.Engine.Tests;

/// <summary>The whole pipeline on the bundled capture (a real curl SQL injection between two namespaces).</summary>
public sealed class ReplayPipelineTests
{
    private const string Attacker = "10.77.0.2";

    [Fact]
    public async Task Replay_SqlInjectionCapture_AlertsBlocksAndWritesEve()
    {
        using var temp = new TempDirectory();
        var options = Options(temp);

        var report = await ReplayAsync(options);

        Assert.Equal(24, report.Counters.Packets);
        Assert.Equal(0, report.Counters.DecodeErrors);
        Assert.False(report.CaptureFailed);
        var sid = Assert.Single(report.Counters.AlertsBySid());
        Assert.Equal(1000001, sid.Sid);
        var decision = Assert.Single(report.Counters.Decisions());
        Assert.Equal("blocked", decision.Outcome);
        Assert.Equal(IpAddr.Parse(Attacker), decision.Address);
        // Packet time, not wall-clock time: the capture was taken at 13:19:30 UTC; one hour by default.
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 14, 19, 30, TimeSpan.Zero), decision.ExpiresAt!.Value.AddTicks(-(decision.ExpiresAt.Value.Ticks % TimeSpan.TicksPerSecond)));
        var eve = File.ReadAllLines(options.Eve.Path);
        var alert = JsonDocument.Parse(Assert.Single(eve)).RootElement;
        Assert.Equal("blocked", alert.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal(Attacker, alert.GetProperty("src_ip").GetString());
        Assert.Equal("http", alert.GetProperty("app_proto").GetString()); // detected from the request, port 8080
        var logged = JsonDocument.Parse(Assert.Single(File.ReadAllLines(options.Eve.DecisionLogPath))).RootElement;
        Assert.Equal("blocked", logged.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Replay_SameCaptureTwice_GivesIdenticalOutput()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var a = Options(first);
        var b = Options(second);

        await ReplayAsync(a);
        await ReplayAsync(b);

        Assert.Equal(File.ReadAllText(a.Eve.Path), File.ReadAllText(b.Eve.Path));
        Assert.Equal(File.ReadAllText(a.Eve.DecisionLogPath), File.ReadAllText(b.Eve.DecisionLogPath));
    }

    [Fact]
    public async Task Replay_ShortBlock_ExpiresWithinTheCaptureOnPacketTime()
    {
        using var temp = new TempDirectory();
        var options = Options(temp);
        options.Reputation.BaseBlockDuration = TimeSpan.FromSeconds(5);
        var shortCapture = await ReplayAsync(options);
        Assert.Equal(0, shortCapture.BlocksExpired);

        // The same capture plus one more packet 10 s later: the 5 s block must end inside it, however fast the replay runs.
        using var longer = new TempDirectory();
        var extended = longer.File("extended.pcap");
        CopyWithLatePacket(RepoPaths.SqliPcap, extended, TimeSpan.FromSeconds(10));
        options = Options(longer);
        options.Reputation.BaseBlockDuration = TimeSpan.FromSeconds(5);

        var report = await ReplayAsync(options, extended);

        Assert.Equal(1, report.BlocksExpired);
        Assert.Equal(25, report.Counters.Packets);
        // The decision log tells the whole story: the block, then its end, with the reasons it was blocked for.
        var decisions = File.ReadAllLines(options.Eve.DecisionLogPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["blocked", "unblocked"], decisions.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal("expired", decisions[1].GetProperty("ended").GetString());
        Assert.Equal(Attacker, decisions[1].GetProperty("address").GetString());
        Assert.NotEmpty(decisions[1].GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task Replay_AttackerAllowlisted_RefusesTheBlock()
    {
        using var temp = new TempDirectory();
        var options = Options(temp);
        options.Firewall.Allowlist.Add("10.77.0.0/24");

        var report = await ReplayAsync(options);

        var decision = Assert.Single(report.Counters.Decisions());
        Assert.Equal("refused-allowlisted", decision.Outcome);
        var alert = JsonDocument.Parse(Assert.Single(File.ReadAllLines(options.Eve.Path))).RootElement;
        Assert.Equal("allowed", alert.GetProperty("alert").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Replay_UnreachableSmtpServer_CountsTheFailureAndFinishes()
    {
        using var temp = new TempDirectory();
        var options = Options(temp);
        options.Notify.Email.Enabled = true;
        options.Notify.Email.Host = "127.0.0.1";
        options.Notify.Email.Port = FreePort.Get(); // nothing listens there
        options.Notify.Email.To.Add("ops@example.org");
        options.Notify.Email.Timeout = TimeSpan.FromSeconds(3);
        options.Notify.Outbox.RetriesPerRound = 0;

        var report = await ReplayAsync(options);

        // The failed notice is not lost: it stays in the outbox (same database) for the next start.
        Assert.Equal(1, report.NotificationsFailed);
        Assert.Equal(0, report.NotificationsSent);
        Assert.Equal(1, report.NotificationsQueued);
        using (var outbox = new NotificationOutbox(options.Storage.DatabasePath, new Dictionary<string, DeliveryPolicy> { ["email"] = new() }, "gw"))
            Assert.Equal(1, outbox.Counts().Pending);
        Assert.Equal("blocked", Assert.Single(report.Counters.Decisions()).Outcome);
    }

    [Fact]
    public async Task Replay_WebhookListener_ReceivesOnePostNamingAddressRuleAndExpiry()
    {
        using var temp = new TempDirectory();
        var options = Options(temp);
        var port = FreePort.Get();
        options.Notify.Webhooks.Add(new WebhookSettings { Url = $"http://127.0.0.1:{port}/hook" });
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveOneAsync(listener);

        var report = await ReplayAsync(options);

        Assert.Equal(1, report.NotificationsSent);
        Assert.Equal(0, report.NotificationsQueued);
        var body = JsonDocument.Parse(await received.WaitAsync(TimeSpan.FromSeconds(10))).RootElement;
        Assert.Equal(Attacker, body.GetProperty("address").GetString());
        Assert.Equal(1000001, body.GetProperty("rules")[0].GetProperty("sid").GetInt64());
        Assert.StartsWith("2026-12-04T14:19:30", body.GetProperty("expires_at").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Replay_EveOutput_ValidatesAgainstSuricataSchema()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs Debian's python3 with python3-jsonschema (./install.sh)");
        using var temp = new TempDirectory();
        var options = Options(temp);
        // A transaction rule with metadata beside the packet rule, so the log holds the http and metadata objects too.
        var rules = temp.File("eve.rules");
        File.WriteAllText(rules, File.ReadAllText(RepoPaths.LocalRules) + "\n" +
            "alert http any any -> any any (msg:\"EVE test UNION in URI\"; flow:established,to_server; http.uri; content:\"UNION\"; nocase; " +
            "metadata:affected_product Web_Server, signature_severity Major, signature_severity Minor; sid:1000099; rev:1;)\n");
        options.Rules.Files = [rules];
        options.Eve.StatsInterval = TimeSpan.FromMinutes(1);
        options.Eve.IncludePacket = true;
        await ReplayAsync(options);

        var records = File.ReadAllLines(options.Eve.Path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var stats = records.Single(r => r.GetProperty("event_type").GetString() == "stats").GetProperty("stats");
        Assert.Equal(24, stats.GetProperty("decoder").GetProperty("pkts").GetInt64());
        Assert.Equal(2, stats.GetProperty("flow").GetProperty("total").GetInt64());
        Assert.Equal(2, stats.GetProperty("detect").GetProperty("alert").GetInt64());
        Assert.False(stats.TryGetProperty("capture", out _), "a replay has no kernel counters");
        records = records.Where(r => r.GetProperty("event_type").GetString() == "alert").ToList();
        var transaction = records.Single(r => r.GetProperty("alert").GetProperty("signature_id").GetInt64() == 1000099);
        var http = transaction.GetProperty("http");
        Assert.Equal("10.77.0.1", http.GetProperty("hostname").GetString());
        Assert.Contains("UNION", http.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("GET", http.GetProperty("http_method").GetString());
        Assert.StartsWith("curl/", http.GetProperty("http_user_agent").GetString(), StringComparison.Ordinal);
        var metadata = transaction.GetProperty("alert").GetProperty("metadata");
        Assert.Equal(["Major", "Minor"], metadata.GetProperty("signature_severity").EnumerateArray().Select(v => v.GetString()));
        var packetRule = records.Single(r => r.GetProperty("alert").GetProperty("signature_id").GetInt64() == 1000001);
        Assert.False(packetRule.TryGetProperty("http", out _), "a packet rule has no transaction to describe");
        // The whole Ethernet frame: two MACs, IPv4's ethertype, then the IP header; its payload is the frame's tail.
        var frame = packetRule.GetProperty("packet").GetBytesFromBase64();
        Assert.Equal(1, packetRule.GetProperty("packet_info").GetProperty("linktype").GetInt32());
        Assert.Equal([0x08, 0x00, 0x45], frame[12..15]);
        Assert.True(frame.AsSpan().EndsWith(packetRule.GetProperty("payload").GetBytesFromBase64()), "the payload is the end of the frame");

        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [SkippableFact]
    public async Task Replay_PatternSplitAcrossTwoSegments_StreamMatchAlertsOnceAndValidates()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs Debian's python3 with python3-jsonschema (./install.sh)");
        using var temp = new TempDirectory();
        var options = Options(temp);
        var rules = temp.File("stream.rules");
        File.WriteAllText(rules, "alert tcp any any -> any 9000 (msg:\"split command\"; flow:established,to_server; content:\"EVILCOMMAND\"; sid:1000200; rev:1;)\n");
        options.Rules.Files = [rules];
        var pcap = temp.File("split.pcap");
        WriteSplitCommandCapture(pcap);

        var report = await ReplayAsync(options, pcap);

        var alerts = File.ReadAllLines(options.Eve.Path).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("event_type").GetString() == "alert").ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal(1000200, alert.GetProperty("alert").GetProperty("signature_id").GetInt64());
        Assert.Equal(Attacker, alert.GetProperty("src_ip").GetString());
        Assert.Equal(9000, alert.GetProperty("dest_port").GetInt32());
        // Raised on the segment that completed the pattern: its own payload holds only the second half.
        Assert.Equal("COMMAND;id", Encoding.Latin1.GetString(alert.GetProperty("payload").GetBytesFromBase64()));
        Assert.Equal(1, report.Counters.AlertsHandled);
        var counters = report.Counters.Snapshot();
        Assert.Equal(1, counters.Get("detect", "stream_matches"));
        Assert.Equal(18, counters.Get("detect", "stream_bytes_inspected"));
        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [SkippableFact]
    public async Task Replay_RuleOnRequestBody_BodiesKeptAndAlerts()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs Debian's python3 with python3-jsonschema (./install.sh)");
        using var temp = new TempDirectory();
        var options = Options(temp);
        var rules = temp.File("body.rules");
        // Bodies are stored only while a loaded rule reads one; this one does.
        File.WriteAllText(rules, "alert http any any -> any any (msg:\"body command\"; flow:established,to_server; http.request_body; content:\"cmd=EVILBODY\"; sid:1000201; rev:1;)\n");
        options.Rules.Files = [rules];
        var pcap = temp.File("post.pcap");
        WriteHttpPostCapture(pcap, "POST /form HTTP/1.1\r\nHost: shop\r\nContent-Length: 12\r\n\r\ncmd=EVILBODY");

        var report = await ReplayAsync(options, pcap);

        var alert = Assert.Single(File.ReadAllLines(options.Eve.Path).Select(l => JsonDocument.Parse(l).RootElement),
            r => r.GetProperty("event_type").GetString() == "alert");
        Assert.Equal(1000201, alert.GetProperty("alert").GetProperty("signature_id").GetInt64());
        Assert.Equal(1, report.Counters.AlertsHandled);
        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task Replay_RetransmissionWithOtherBytes_CountedOnlyWhenChecked(bool check, long expected)
    {
        using var temp = new TempDirectory();
        var options = Options(temp);
        options.Packets.CheckRetransmittedData = check;
        var pcap = temp.File("retransmit.pcap");
        using (var capture = new TcpCapture(pcap, clientPort: 40002, serverPort: 9000))
        {
            capture.Write(true, TcpFlags.Syn, 100, 0);
            capture.Write(false, TcpFlags.Syn | TcpFlags.Ack, 500, 101);
            capture.Write(true, TcpFlags.Ack, 101, 501);
            capture.Write(true, TcpFlags.Psh | TcpFlags.Ack, 101, 501, "GET /a");
            // Not yet acknowledged, then resent with other bytes: the receiver may take either copy.
            capture.Write(true, TcpFlags.Psh | TcpFlags.Ack, 101, 501, "GET /b");
            capture.Write(false, TcpFlags.Ack, 501, 107);
        }

        var report = await ReplayAsync(options, pcap);

        var reassembly = report.Counters.Snapshot();
        Assert.Equal(1, reassembly.Get("reassembly", "segments_retransmitted"));
        Assert.Equal(expected, reassembly.Get("reassembly", "overlaps_different_data"));
    }

    /// <summary>A handshake, one request from the client and the server's empty 200, then both sides close.</summary>
    private static void WriteHttpPostCapture(string path, string request)
    {
        using var capture = new TcpCapture(path, clientPort: 40001, serverPort: 80);
        const string Response = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        var requestEnd = 101 + (uint)request.Length;
        var responseEnd = 501 + (uint)Response.Length;
        capture.Write(true, TcpFlags.Syn, 100, 0);
        capture.Write(false, TcpFlags.Syn | TcpFlags.Ack, 500, 101);
        capture.Write(true, TcpFlags.Ack, 101, 501);
        capture.Write(true, TcpFlags.Psh | TcpFlags.Ack, 101, 501, request);
        capture.Write(false, TcpFlags.Psh | TcpFlags.Ack, 501, requestEnd, Response);
        capture.Write(true, TcpFlags.Fin | TcpFlags.Ack, requestEnd, responseEnd);
        capture.Write(false, TcpFlags.Fin | TcpFlags.Ack, responseEnd, requestEnd + 1);
    }

    /// <summary>A handshake, then "run EVIL" and "COMMAND;id" from the client in two segments, each acknowledged.</summary>
    private static void WriteSplitCommandCapture(string path)
    {
        using var capture = new TcpCapture(path, clientPort: 40000, serverPort: 9000);
        capture.Write(true, TcpFlags.Syn, 100, 0);
        capture.Write(false, TcpFlags.Syn | TcpFlags.Ack, 500, 101);
        capture.Write(true, TcpFlags.Ack, 101, 501);
        capture.Write(true, TcpFlags.Psh | TcpFlags.Ack, 101, 501, "run EVIL");
        capture.Write(false, TcpFlags.Ack, 501, 109);
        capture.Write(true, TcpFlags.Psh | TcpFlags.Ack, 109, 501, "COMMAND;id");
        capture.Write(false, TcpFlags.Ack, 501, 119);
    }

    [Fact]
    public async Task Replay_EveEventsOn_WritesFlowHttpDnsAndTlsRecordsThatValidate()
    {
        using var temp = new TempDirectory();
        var capture = GeneratedCapture.Create(temp.Path, "bench", 3000);
        var options = Options(temp);
        options.Eve.Events = new EveEventOptions { Flow = true, Http = true, Dns = true, Tls = true };

        var report = await ReplayAsync(options, capture);

        var records = File.ReadAllLines(options.Eve.Path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var byType = records.GroupBy(r => r.GetProperty("event_type").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        // One flow record per flow the tracker created: every flow ends, at its timeout or at the end of the capture.
        var flows = byType["flow"];
        Assert.Equal(report.Counters.Snapshot().Get("flows", "created"), flows.Count);
        Assert.Equal(report.Counters.EveEventsWritten, records.Count - byType.GetValueOrDefault("alert", []).Count);
        Assert.Equal(0, report.Counters.EveEventsDropped);
        Assert.All(flows, f =>
        {
            var flow = f.GetProperty("flow");
            Assert.True(flow.GetProperty("pkts_toserver").GetInt64() >= 1, "the initiator sent the first packet");
            Assert.Contains(flow.GetProperty("state").GetString(), new[] { "new", "established", "closed" });
            Assert.Contains(flow.GetProperty("reason").GetString(), new[] { "timeout", "forced", "shutdown" });
            Assert.True(DateTimeOffset.Parse(flow.GetProperty("end").GetString()!, CultureInfo.InvariantCulture)
                >= DateTimeOffset.Parse(flow.GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        });
        // Every packet of a flow is in its record: fragments count once, as the datagram they rebuild; ARP and ICMP errors are in none.
        var inFlows = flows.Sum(f => f.GetProperty("flow").GetProperty("pkts_toserver").GetInt64() + f.GetProperty("flow").GetProperty("pkts_toclient").GetInt64());
        var snapshot = report.Counters.Snapshot();
        Assert.InRange(inFlows, report.Counters.Packets * 9 / 10, report.Counters.Packets + snapshot.Get("defrag", "ipv4_reassembled") + snapshot.Get("defrag", "ipv6_reassembled"));

        var http = byType["http"];
        Assert.All(http, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("http").GetProperty("url").GetString())));
        Assert.Contains(http, h => h.GetProperty("http").TryGetProperty("status", out _));
        Assert.All(http, h => Assert.Equal("http", h.GetProperty("app_proto").GetString()));
        var dns = byType["dns"];
        Assert.Contains(dns, d => d.GetProperty("dns").GetProperty("type").GetString() == "request");
        Assert.Contains(dns, d => d.GetProperty("dns").GetProperty("type").GetString() == "response");
        Assert.All(dns, d => Assert.NotEmpty(d.GetProperty("dns").GetProperty("queries").EnumerateArray()));
        var tls = byType["tls"];
        Assert.Contains(tls, t => t.GetProperty("tls").TryGetProperty("sni", out _));
        Assert.All(tls, t => Assert.Matches("^[0-9a-f]{32}$", t.GetProperty("tls").GetProperty("ja3").GetProperty("hash").GetString()));
        Assert.All(tls, t => Assert.Matches("^[tqd][0-9s]{2}[di]", t.GetProperty("tls").GetProperty("ja4").GetString()));
        // Transactions belong to flows that were logged, by flow_id, and carry the client as src.
        var flowIds = flows.ToDictionary(f => f.GetProperty("flow_id").GetUInt64());
        Assert.All(http.Concat(tls), t =>
        {
            var flow = flowIds[t.GetProperty("flow_id").GetUInt64()];
            Assert.Equal(flow.GetProperty("src_ip").GetString(), t.GetProperty("src_ip").GetString());
            Assert.Equal(flow.GetProperty("dest_port").GetInt32(), t.GetProperty("dest_port").GetInt32());
        });
        EveSchemaCheck.AssertValid(options.Eve.Path);
    }

    [Fact]
    public async Task Replay_EveEventsOn_SameCaptureTwiceGivesIdenticalEve()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var capture = GeneratedCapture.Create(first.Path, "bench", 2000);
        var a = Options(first);
        var b = Options(second);
        a.Eve.Events = b.Eve.Events = new EveEventOptions { Flow = true, Http = true, Dns = true, Tls = true };

        await ReplayAsync(a, capture);
        await ReplayAsync(b, capture);

        Assert.True(new FileInfo(a.Eve.Path).Length > 10_000);
        Assert.Equal(File.ReadAllText(a.Eve.Path), File.ReadAllText(b.Eve.Path));
    }

    [Fact]
    public async Task Replay_VirtualClockTwice_SameTranscriptWithAlertDecisionNotificationAndEndAndNothingSent()
    {
        var requests = 0;
        using var webhook = new LoopbackHttpServer(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = 200;
            context.Response.Close();
            return Task.CompletedTask;
        });
        var transcripts = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            using var temp = new TempDirectory();
            var capture = temp.File("extended.pcap");
            CopyWithLatePacket(RepoPaths.SqliPcap, capture, TimeSpan.FromSeconds(10));
            var options = Options(temp);
            options.Reputation.BaseBlockDuration = TimeSpan.FromSeconds(5);
            options.Notify.Webhooks = [new WebhookSettings { Url = webhook.Url("hook").ToString() }];
            var path = temp.File("transcript.json");

            var report = await ReplayAsync(options, capture, path);

            Assert.Equal(path, report.TranscriptPath);
            transcripts.Add(File.ReadAllText(path));
        }

        Assert.Equal(transcripts[0], transcripts[1]);
        var lines = transcripts[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // The alert's line follows its decision: it says what was done (blocked).
        Assert.Equal(["decision", "notification", "alert", "unblock"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal("blocked", lines[2].GetProperty("action").GetString());
        Assert.Equal(Attacker, lines[0].GetProperty("address").GetString());
        var payload = lines[1].GetProperty("payload");
        Assert.Equal(Attacker, payload.GetProperty("address").GetString());
        Assert.Equal("block", payload.GetProperty("event").GetString());
        // Packet time throughout: the capture was taken on 2026-12-04 at 13:19:30 UTC, the block ended 5 s later.
        Assert.StartsWith("2026-12-04T13:19:3", lines[0].GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2026-12-04T13:19:4", lines[3].GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref requests));
    }

    [Fact]
    public async Task Replay_GarbageCapture_ThrowsPcapExceptionNamingTheFile()
    {
        using var temp = new TempDirectory();
        var garbage = temp.File("garbage.pcap");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37))]);

        var ex = await Assert.ThrowsAsync<PcapException>(() => ReplayAsync(Options(temp), garbage));

        Assert.Contains("garbage.pcap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_TruncatedCapture_ProcessesWhatIsThereAndReportsTheError()
    {
        using var temp = new TempDirectory();
        var truncated = temp.File("truncated.pcap");
        File.WriteAllBytes(truncated, File.ReadAllBytes(RepoPaths.SqliPcap)[..1500]);

        var report = await ReplayAsync(Options(temp), truncated);

        Assert.True(report.CaptureFailed);
        Assert.Contains("truncated", report.StopReason, StringComparison.Ordinal);
        Assert.InRange(report.Counters.Packets, 1, 23);
    }

    [Fact]
    public async Task Replay_RuleFileWithBrokenRules_LoadsTheValidOnesAndReportsTheRest()
    {
        using var temp = new TempDirectory();
        var rules = temp.File("mixed.rules");
        File.WriteAllText(rules, """
            alert tcp any any -> any any (msg:"broken"; content:"x"; xbits:set,a,track ip_src; sid:1;)
            alert tcp any any -> $HOME_NET any (msg:"union"; flow:to_server,established; content:"UNION"; sid:2; rev:1;)
            alert tcp any any -> any any (msg:"no sid"; content:"y";)
            """);
        var options = Options(temp);
        options.Rules.Files = [rules];

        var report = await ReplayAsync(options);

        Assert.Single(report.Rules.Rules);
        Assert.Equal(2, report.Rules.ErrorCount);
        Assert.All(report.Rules.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
        Assert.Equal(2, Assert.Single(report.Counters.AlertsBySid()).Sid);
    }

    private static RustIdsOptions Options(TempDirectory temp) => ReplayHarness.Options(temp);

    private static Task<RunReport> ReplayAsync(RustIdsOptions options, string? pcap = null, string? transcript = null) =>
        ReplayHarness.ReplayAsync(options, pcap ?? RepoPaths.SqliPcap, transcript);

    /// <summary>Copies a capture and appends its first frame again, <paramref name="after"/> past its last one.</summary>
    private static void CopyWithLatePacket(string source, string destination, TimeSpan after)
    {
        using var reader = PcapFileSource.Open(source);
        using var writer = PcapFileWriter.Create(destination, reader.LinkType);
        byte[]? first = null;
        long last = 0;
        while (reader.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            first ??= frame.Data.ToArray();
            last = frame.TimestampTicks;
            writer.WritePacket(frame.Data, frame.TimestampTicks, frame.WireLength);
        }
        writer.WritePacket(first, last + after.Ticks);
    }

    private static async Task<string> ReceiveOneAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return body;
    }

    /// <summary>One TCP conversation between the attacker and 10.77.0.1, written frame by frame a millisecond apart.</summary>
    private sealed class TcpCapture(string path, ushort clientPort, ushort serverPort) : IDisposable
    {
        private readonly IpAddr _client = IpAddr.Parse(Attacker);
        private readonly IpAddr _server = IpAddr.Parse("10.77.0.1");
        private readonly PcapFileWriter _writer = PcapFileWriter.Create(path, LinkType.Ethernet);
        private long _ticks = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc).Ticks;

        /// <summary>A segment from the client (<paramref name="up"/>) or the server.</summary>
        public void Write(bool up, TcpFlags flags, uint seq, uint ack, string payload = "")
        {
            var (source, destination, sourcePort, destinationPort) = up ? (_client, _server, clientPort, serverPort) : (_server, _client, serverPort, clientPort);
            var tcp = FrameBuilder.Tcp(source, destination, sourcePort, destinationPort, flags, seq, ack, Encoding.Latin1.GetBytes(payload));
            _writer.WritePacket(FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Tcp, tcp)), _ticks += TimeSpan.TicksPerMillisecond);
        }

        public void Dispose() => _writer.Dispose();
    }
}
