namespace RustIds.Detection.Behaviour;

/// <summary>Receives the alerts the behavioural detectors raise, on the capture thread (the detection loop queues them with rule alerts).</summary>
public interface IDetectionSink
{
    void OnDetection(Alert alert);
}
