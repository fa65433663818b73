using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>Unanswered attempts feed the slow and horizontal scans without giving their sources a fast-scan entry.</summary>
public sealed class FailedAttemptTests
{
    private static readonly long Start = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void OneUnansweredAttemptEach_FromThousandSources_NoSourceEntry()
    {
        var replay = new DetectorReplay(LinkType.Ethernet);
        var target = IpAddr.Parse("192.168.1.30");
        using var frames = new MemoryPacketSource();
        for (var i = 0; i < 1000; i++)
            frames.Add(FrameBuilder.EthernetUdp(IpAddr.FromV4(0xC6120000u + (uint)i), 40000, target, (ushort)(1000 + i), [1]), Start + i * TimeSpan.TicksPerMillisecond);

        replay.Run(frames);
        replay.Finish();

        // The fast-scan table is for busy sources only; a slow scan looks its source up when it crosses its threshold.
        Assert.Equal(0, replay.Detectors.Sources.Count);
        Assert.Empty(replay.Sink.Alerts);
    }
}
