using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>The detectors allocate nothing per packet: the benign mix replayed again (an hour later each time, on packet time) once warm.</summary>
[Collection(AllocationCollection.Name)]
public sealed class DetectorAllocationTests(ScenarioCaptures captures) : IClassFixture<ScenarioCaptures>
{
    [SkippableFact]
    public void BenignMix_AfterWarmUp_AllocatesNothing()
    {
        Skip.IfNot(captures.Generated, "Debian's python3 is needed to generate the scenarios");
        var frames = new List<(byte[] Data, long Ticks)>();
        using (var file = PcapFileSource.Open(captures.PathOf("benign")))
        {
            while (file.ReadNext(out var frame) == PacketReadResult.Packet)
                frames.Add((frame.Data.ToArray(), frame.TimestampTicks));
        }
        var replay = new DetectorReplay(LinkType.Ethernet);
        for (var pass = 0; pass < 4; pass++)
        {
            using var warm = Shifted(frames, pass);
            replay.Run(warm);
        }
        using var measured = Shifted(frames, 4);

        var allocated = Allocations.Measure(() => replay.Run(measured), attempts: 1);

        Assert.Equal(0, allocated);
        Assert.Empty(replay.Sink.Alerts);
    }

    private static MemoryPacketSource Shifted(List<(byte[] Data, long Ticks)> frames, int pass)
    {
        var source = new MemoryPacketSource();
        var shift = pass * TimeSpan.FromHours(1).Ticks;
        foreach (var (data, ticks) in frames)
            source.Add(data, ticks + shift);
        return source;
    }
}
