using System.Threading.Channels;
using RustIds.Detection;
using RustIds.Detection.Behaviour;

namespace RustIds.Engine.Pipeline;

/// <summary>Puts the behavioural detectors' alerts into the worker's queue, with the rule alerts and in capture order; a full queue drops and counts.</summary>
public sealed class DetectionQueue(ChannelWriter<WorkerOutput> alerts, PipelineCounters counters) : IDetectionSink
{
    public void OnDetection(Alert alert)
    {
        if (!alerts.TryWrite(alert))
            counters.CountAlertDropped();
    }
}
