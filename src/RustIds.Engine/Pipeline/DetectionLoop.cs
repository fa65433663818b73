using System.Threading.Channels;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Rules;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// The hot path of one capture worker: read a frame, decode it in place, track its flow, evaluate the
/// rules, and hand alerts to the response stage. Allocation-free per packet; alerts are the exception.
/// </summary>
/// <remarks>Runs on its own thread; only alerts cross threads, through a bounded channel that drops and counts when full.</remarks>
public sealed class DetectionLoop(
    IPacketSource source,
    CompiledRuleSet rules,
    FlowTracker flows,
    SignatureAlertFactory alertFactory,
    ChannelWriter<Alert> alerts,
    PipelineCounters counters)
{
    // Enough for every rule that can match one packet in practice; more matches are counted as dropped.
    private readonly int[] _matches = new int[1024];

    /// <summary>Why the loop ended, and libpcap's message when it was an error.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Reads until end of file, an error, or <paramref name="cancellation"/>.</summary>
    public void Run(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var result = source.ReadNext(out var frame);
            if (result == PacketReadResult.Timeout)
                continue;
            if (result == PacketReadResult.EndOfFile)
            {
                StopReason = "end of capture";
                return;
            }
            if (result == PacketReadResult.Error)
            {
                StopReason = source.LastError ?? "capture error";
                return;
            }
            Process(frame);
        }
        StopReason = "stopped";
    }

    private void Process(RawFrame frame)
    {
        var packet = new Packet
        {
            TimestampTicks = frame.TimestampTicks,
            WireLength = frame.WireLength,
            Frame = frame.Data,
        };
        var status = PacketDecoder.Decode(source.LinkType, frame.Data, ref packet);
        counters.CountFrame(status, packet.Layer, frame.WireLength, frame.TimestampTicks);
        if (status != DecodeStatus.Ok)
            return;
        flows.Track(ref packet);
        var count = rules.Evaluate(in packet, _matches);
        for (var i = 0; i < count; i++)
        {
            var alert = alertFactory.Create(rules.GetRule(_matches[i]), ref packet);
            if (!alerts.TryWrite(alert))
                counters.CountAlertDropped();
        }
    }
}
