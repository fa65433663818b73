using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>
/// Each detector fires on its attack, once, naming the right offender with its evidence, and all of them
/// stay silent on eight minutes of ordinary web, DNS, TLS, NTP and SSH traffic. Default thresholds, the
/// real packet path, packet time.
/// </summary>
public sealed class ScenarioTests(ScenarioCaptures captures) : IClassFixture<ScenarioCaptures>
{
    public static TheoryData<string, long, string, string> Attacks => new()
    {
        { "portscan-fast", 1, "203.0.113.10", "192.168.1.20" },
        { "portscan-slow", 2, "203.0.113.11", "192.168.1.21" },
        { "portscan-horizontal", 3, "203.0.113.12", "" },
        { "synflood-spoofed", 10, "", "192.168.1.30" },
        { "synflood-single", 11, "203.0.113.13", "192.168.1.31" },
        { "bruteforce-ssh", 20, "203.0.113.14", "192.168.1.22" },
        { "bruteforce-http", 21, "203.0.113.15", "192.168.1.23" },
        { "dns-tunnel", 40, "192.168.1.40", "192.168.1.1" },
        { "icmp-flood", 30, "203.0.113.16", "192.168.1.24" },
        { "ping-sweep", 31, "203.0.113.17", "" },
        { "icmp-flood-distributed", 32, "", "192.168.1.25" },
        { "exfil-volume", 50, "192.168.1.50", "198.51.100.50" },
        { "exfil-lowslow", 51, "192.168.1.51", "198.51.100.51" },
    };

    [SkippableTheory]
    [MemberData(nameof(Attacks))]
    public void Attack_RaisesExactlyItsDetection(string scenario, long sid, string offender, string target)
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");

        var replay = DetectorReplay.OfFile(captures.PathOf(scenario));

        var alert = Assert.Single(replay.Sink.Alerts);
        Assert.Equal(DetectorSignature.Gid, alert.Gid);
        Assert.Equal(sid, alert.Sid);
        if (offender.Length > 0)
            Assert.Equal(IpAddr.Parse(offender), alert.Source);
        if (target.Length > 0)
            Assert.Equal(IpAddr.Parse(target), alert.Destination);
        Assert.Equal(offender.Length == 0, alert.ReportsVictim);
        var evidence = Assert.IsType<DetectionEvidence>(alert.Evidence);
        Assert.True(evidence.Observed >= evidence.Threshold, evidence.Describe());
        Assert.Contains(evidence.Describe(), alert.Signature, StringComparison.Ordinal);
        Assert.Contains(alert.Metadata, pair => pair.Key == "rustids_observed");
    }

    [SkippableFact]
    public void HostAnomaly_RaisesBaselineAlertsOnly()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");

        var replay = DetectorReplay.OfFile(captures.PathOf("anomaly-host"));

        Assert.NotEmpty(replay.Sink.Alerts);
        Assert.All(replay.Sink.Alerts, alert =>
        {
            Assert.InRange(alert.Sid, 60, 62);
            Assert.Equal(IpAddr.Parse("192.168.1.60"), alert.Source);
            var evidence = Assert.IsType<DetectionEvidence>(alert.Evidence);
            Assert.NotNull(evidence.BaselineMean);
            Assert.True(evidence.Observed > evidence.BaselineMean!.Value + 6 * evidence.BaselineDeviation!.Value, evidence.Describe());
        });
        Assert.Contains(62L, replay.Sids);
    }

    [SkippableFact]
    public void Benign_RaisesNothing()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");

        var replay = DetectorReplay.OfFile(captures.PathOf("benign"));

        Assert.Empty(replay.Sink.Alerts.Select(a => a.Signature));
        Assert.True(replay.Processor.Flows.FlowsCreated > 200, $"{replay.Processor.Flows.FlowsCreated} flows: the benign mix is too small to mean anything");
    }

    [SkippableFact]
    public void Replay_TwiceGivesTheSameDetections()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");

        string Run() => string.Join("\n", DetectorReplay.OfFile(captures.PathOf("bruteforce-ssh")).Sink.Alerts
            .Select(a => $"{a.Timestamp:O} {a.Sid} {a.Source} {a.Destination} {a.Signature}"));

        Assert.Equal(Run(), Run());
    }
}
