using System.Diagnostics.Metrics;

namespace RustIds.Packets.Tests;

public sealed class DecodeCountersTests
{
    [Fact]
    public void Count_ByStatus_TotalsPacketsAndBytes()
    {
        var counters = new DecodeCounters();
        counters.Count(DecodeStatus.Ok, 100);
        counters.Count(DecodeStatus.Ok, 60);
        counters.Count(DecodeStatus.Truncated, 20);
        counters.Count(DecodeStatus.Unsupported, 42);
        Assert.Equal(4, counters.Packets);
        Assert.Equal(222, counters.Bytes);
        Assert.Equal(2, counters.Get(DecodeStatus.Ok));
        Assert.Equal(1, counters.Truncated);
        Assert.Equal(0, counters.Malformed);
    }

    [Fact]
    public void Meter_Observed_PublishesFramesByStatus()
    {
        using var meter = new Meter($"{DecodeCounters.MeterName}.Test.{Guid.NewGuid():N}");
        var counters = new DecodeCounters(meter);
        counters.Count(DecodeStatus.Ok, 100);
        counters.Count(DecodeStatus.Malformed, 30);
        var observed = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var status = tags.Length > 0 ? $":{tags[0].Value}" : string.Empty;
            observed[instrument.Name + status] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(1, observed["rustids.packets.frames:ok"]);
        Assert.Equal(1, observed["rustids.packets.frames:malformed"]);
        Assert.Equal(130, observed["rustids.packets.bytes"]);
    }
}
