using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>Keeps every alert the detectors raise, in order.</summary>
internal sealed class CollectingSink : IDetectionSink
{
    public List<Alert> Alerts { get; } = [];

    public void OnDetection(Alert alert) => Alerts.Add(alert);
}
