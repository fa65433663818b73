using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>
/// Which queries the DNS tunnel detector counts: a name with at least <see cref="DnsTunnelDetector.CandidateLength"/>
/// characters below its registered domain, or a TXT/NULL question; names too short for that skip the split. A client
/// and domain get a table entry only once busy (see <see cref="ActivityFilter"/>).
/// </summary>
public sealed class DnsTunnelCandidateTests
{
    private static readonly IpAddr Host = IpAddr.Parse("192.168.1.61");
    private static readonly IpAddr Resolver = IpAddr.Parse("192.168.1.1");
    private static readonly long Start = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Theory]
    [InlineData(DnsTunnelDetector.CandidateLength, 1)]
    [InlineData(DnsTunnelDetector.CandidateLength - 1, 0)]
    public void BusyClient_NameBelowTheShortestDomain_CountedFromTheCandidateLength(int belowLength, int domainsTracked)
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        using var frames = new MemoryPacketSource();
        // "a.b" is the shortest registered domain: the whole name is the bound the detector checks first.
        for (var i = 0; i < DetectorSet.BusyAfter + 2; i++)
        {
            var below = i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture).PadRight(belowLength, 'q');
            frames.Add(Query(i, below + ".a.b"), Start + i * TimeSpan.TicksPerMillisecond);
        }

        replay.Run(frames);

        Assert.Equal(domainsTracked, replay.Detectors.DnsTunnels!.Domains.Count);
    }

    [Fact]
    public void CandidateQueries_OneClientAndDomain_TrackedOnlyOnceBusy()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        using var frames = new MemoryPacketSource();
        for (var i = 0; i < DetectorSet.BusyAfter - 1; i++)
        {
            frames.Add(Query(i, $"q{i}aaaaaaaaaaaaaaaaaaaaaaaaa.tunnel.example"), Start + i * TimeSpan.TicksPerMillisecond);
            frames.Add(Answer(i, $"q{i}aaaaaaaaaaaaaaaaaaaaaaaaa.tunnel.example"), Start + i * TimeSpan.TicksPerMillisecond + 10);
        }
        replay.Run(frames);
        var domains = replay.Detectors.DnsTunnels!.Domains;
        Assert.Equal(0, domains.Count);

        using var busy = new MemoryPacketSource();
        busy.Add(Query(99, "q99aaaaaaaaaaaaaaaaaaaaaaaaa.tunnel.example"), Start + TimeSpan.TicksPerSecond);
        replay.Run(busy);

        Assert.Equal(1, domains.Count);
    }

    private static byte[] Query(int id, string name) =>
        FrameBuilder.EthernetUdp(Host, (ushort)(30000 + id), Resolver, 53, FrameBuilder.DnsA((ushort)id, 0x0100, name, answer: false));

    private static byte[] Answer(int id, string name) =>
        FrameBuilder.EthernetUdp(Resolver, 53, Host, (ushort)(30000 + id), FrameBuilder.DnsA((ushort)id, 0x8180, name, answer: true));
}
