namespace RustIds.Detection.Behaviour;

/// <summary>Turns a detector's evidence into an <see cref="Alert"/> and hands it to the sink (the alerts are counted by sid downstream).</summary>
/// <remarks>Runs on the capture thread only when a detector fires: the allocation is per alert, never per packet.</remarks>
public sealed class DetectionEmitter(IDetectionSink sink, string interfaceName)
{
    /// <param name="evidence">What was measured.</param>
    /// <param name="site">Who, against whom, when.</param>
    /// <param name="reportsVictim">The alert names an attacked destination, not an offender to score.</param>
    public void Raise(DetectionEvidence evidence, in DetectionSite site, bool reportsVictim = false)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var signature = evidence.Signature;
        sink.OnDetection(new Alert
        {
            Timestamp = new DateTimeOffset(site.TimestampTicks, TimeSpan.Zero),
            Source = site.Source,
            Destination = site.Destination,
            SourcePort = site.SourcePort,
            DestinationPort = site.DestinationPort,
            Protocol = site.Protocol,
            FlowId = site.FlowId,
            Gid = DetectorSignature.Gid,
            Sid = signature.Sid,
            Signature = $"RUSTIDS {signature.Title}: {evidence.Describe()}",
            Category = signature.Category,
            Severity = signature.Severity,
            InterfaceName = interfaceName,
            Metadata = evidence.ToMetadata(),
            Evidence = evidence,
            ReportsVictim = reportsVictim,
        });
    }
}
