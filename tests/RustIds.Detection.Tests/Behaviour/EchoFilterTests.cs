using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>ICMP echo requests reach the exact tables only from busy sources and to busy targets.</summary>
public sealed class EchoFilterTests
{
    private const byte EchoRequest = 8;
    private static readonly long Start = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void OnePingEach_FromThousandSourcesToThousandHosts_NoTargetGetsAnEntry()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        using var pings = new MemoryPacketSource();
        for (var i = 0; i < 1000; i++)
            pings.Add(Echo(IpAddr.FromV4(0xC6120000u + (uint)i), IpAddr.FromV4(0xC0A80000u + (uint)i)), Start + i * TimeSpan.TicksPerMillisecond);

        replay.Run(pings);

        Assert.Equal(0, replay.Detectors.Services.Count);
        Assert.Empty(replay.Sink.Alerts);
    }

    [Fact]
    public void PingsToOneHost_PastTheFilter_TheHostIsTracked()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        var target = IpAddr.Parse("192.168.1.24");
        using var pings = new MemoryPacketSource();
        for (var i = 0; i < DetectorSet.BusyAfter + 2; i++)
            pings.Add(Echo(IpAddr.FromV4(0xC6120000u + (uint)i), target), Start + i * TimeSpan.TicksPerMillisecond);

        replay.Run(pings);

        Assert.Equal(1, replay.Detectors.Services.Count);
    }

    private static byte[] Echo(IpAddr source, IpAddr destination) =>
        FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Icmp, FrameBuilder.Icmp(source, destination, EchoRequest, 0, [0, 1, 0, 1])));
}
