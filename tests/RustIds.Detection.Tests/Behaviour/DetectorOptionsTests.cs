using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class DetectorOptionsTests
{
    [Fact]
    public void Validate_Defaults_HaveNoProblem() => Assert.Empty(new DetectorOptions().Validate());

    [Fact]
    public void Validate_BadValues_AreEachReportedByKey()
    {
        var options = new DetectorOptions
        {
            InternalNetworks = ["10.0.0.0/8", "10.0.0.0/33", "not-a-net"],
            TrackedSources = 10,
            PortScan = { FastPorts = 0, SlowWindow = TimeSpan.Zero },
            SynFlood = { MaxCompletedShare = 1.5 },
            BruteForce = { Ports = [22, 70000], LoginPaths = [""] },
            DnsTunnel = { MeanEntropyBits = 9 },
            Icmp = { SweepHosts = 1 },
            Exfiltration = { Sigma = 0 },
            Anomaly = { Alpha = 0, SustainIntervals = 0 },
        };

        var keys = options.Validate().Select(p => p.Key).ToList();

        Assert.Equal(
            ["InternalNetworks:1", "InternalNetworks:2", "TrackedSources", "PortScan:FastPorts", "PortScan:SlowWindow", "SynFlood:MaxCompletedShare",
             "BruteForce:Ports:1", "BruteForce:LoginPaths:0", "DnsTunnel:MeanEntropyBits", "Icmp:SweepHosts", "Exfiltration:Sigma",
             "Anomaly:Alpha", "Anomaly:SustainIntervals"],
            keys);
    }
}
