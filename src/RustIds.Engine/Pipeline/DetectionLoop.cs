using System.Threading.Channels;
using RustIds.Detection;
using RustIds.Detection.Behaviour;
using RustIds.Packets;
using RustIds.Packets.Processing;
using RustIds.Rules;
using RustIds.Rules.Evaluation;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// The hot path of one capture worker: read a frame, take it through the packet path (decode, defragment,
/// flows, reassembly, app layer), evaluate the rules on each resulting packet, and hand alerts to the
/// response stage. Allocation-free per packet; alerts are the exception.
/// </summary>
/// <remarks>
/// Runs on its own thread; only alerts (and EVE records) cross threads, through a channel that drops and counts when full. The
/// <paramref name="evaluator"/> must be the <paramref name="processor"/>'s app-layer observer, so it sees the
/// transactions of the packets it evaluates; <paramref name="detectors"/>, when given, must also observe the
/// processor's flows and transactions, and raise their alerts into the same channel (<see cref="DetectionQueue"/>).
/// </remarks>
public sealed class DetectionLoop(
    IPacketSource source,
    PacketProcessor processor,
    RuleSetHolder rules,
    RuleEvaluator evaluator,
    SignatureAlertFactory alertFactory,
    ChannelWriter<WorkerOutput> alerts,
    PipelineCounters counters,
    DetectorSet? detectors = null) : IPacketHandler
{
    // Enough for every rule that can match one packet in practice; more matches are counted as dropped.
    private readonly int[] _matches = new int[1024];
    private readonly FlowMatch[] _flowMatches = new FlowMatch[256];

    private const string EndOfCapture = "end of capture";
    private const string Stopped = "stopped";

    /// <summary>Why the loop ended, and libpcap's message when it was an error.</summary>
    public string? StopReason { get; private set; }

    /// <summary>The loop ended on a capture error (a truncated file, an interface gone), not at the end or on request.</summary>
    public bool Failed => StopReason is not (null or EndOfCapture or Stopped);

    public PacketProcessor Processor => processor;

    /// <summary>The rule set this worker runs now (after a reload, once it switched).</summary>
    public CompiledRuleSet ActiveRules => Volatile.Read(ref _activeRules) ?? evaluator.Rules;

    private CompiledRuleSet? _activeRules;

    /// <summary>Reads until end of file, an error, or <paramref name="cancellation"/>; then ends every flow.</summary>
    public void Run(CancellationToken cancellation)
    {
        var handler = this;
        while (!cancellation.IsCancellationRequested)
        {
            var current = rules.Current;
            if (!ReferenceEquals(current, _activeRules))
            {
                // A reload (or the first frame): switch between frames, when no app-layer match is pending.
                evaluator.Use(current);
                processor.StoreHttpBodies = current.InspectsHttpBodies;
                Volatile.Write(ref _activeRules, current);
            }
            var result = source.ReadNext(out var frame);
            if (result == PacketReadResult.Timeout)
            {
                detectors?.OnIdle();
                continue;
            }
            if (result == PacketReadResult.EndOfFile)
            {
                StopReason = EndOfCapture;
                Flush();
                return;
            }
            if (result == PacketReadResult.Error)
            {
                StopReason = source.LastError ?? "capture error";
                Flush();
                return;
            }
            counters.SeePacketTime(frame.TimestampTicks);
            processor.Process(in frame, ref handler);
            DrainFlowMatches();
        }
        StopReason = Stopped;
        Flush();
    }

    private void Flush()
    {
        processor.Flush();
        DrainFlowMatches();
    }

    /// <summary>App-layer matches whose flow ended before a packet carried them (evicted or flushed flows).</summary>
    private void DrainFlowMatches()
    {
        var count = evaluator.DrainFlowMatches(_flowMatches);
        for (var i = 0; i < count; i++)
        {
            var alert = alertFactory.Create(evaluator.Rules.GetRule(_flowMatches[i].RuleIndex), in _flowMatches[i]);
            if (!alerts.TryWrite(alert))
                counters.CountAlertDropped();
        }
    }

    /// <summary>Rules (and the behavioural detectors' per-packet part) over one packet the processor finished with.</summary>
    public void OnPacket(ref Packet packet)
    {
        detectors?.OnPacket(ref packet);
        var count = evaluator.Evaluate(in packet, _matches);
        for (var i = 0; i < count; i++)
        {
            var alert = alertFactory.Create(evaluator.Rules.GetRule(_matches[i]), ref packet, evaluator.MatchSnapshot(i));
            if (!alerts.TryWrite(alert))
                counters.CountAlertDropped();
        }
    }
}
