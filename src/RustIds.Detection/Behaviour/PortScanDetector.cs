using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Vertical (many ports of one host) and horizontal (one service across many hosts) scans. A fast
/// vertical scan counts every attempt; the slow and horizontal ones count only failed attempts
/// (refused or never answered), which busy but normal clients rarely produce.
/// </summary>
public sealed class PortScanDetector
{
    private readonly PortScanOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly int _fastBits;
    private readonly int _slowBits;
    private readonly int _hostBits;

    public PortScanDetector(PortScanOptions options, TimeSpan cooldown, DetectionEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _fastBits = DistinctSketch.BitsFor(options.FastPorts);
        _slowBits = DistinctSketch.BitsFor(options.SlowPorts);
        _hostBits = DistinctSketch.BitsFor(options.Hosts);
    }

    /// <summary>A connection attempt (a SYN or a new UDP flow) by the site's source.</summary>
    internal void OnAttempt(ref ScanCounters scan, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (TimeWindow.Restart(ref scan.FastStart, now, _options.FastWindow.Ticks))
            scan.FastPorts.Clear();
        scan.FastPorts.Add(KeyHash.Mix(site.DestinationPort + 1UL));
        if (scan.FastPorts.SetBits >= _fastBits && TimeWindow.TryArm(ref scan.VerticalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.FastPortScan, "distinct destination ports", scan.FastPorts.Estimate(),
                _options.FastPorts, _options.FastWindow, site.Destination.ToString()), in site);
        }
    }

    /// <summary>An attempt that ended without an answer or with a refusal.</summary>
    internal void OnFailed(ref ScanCounters scan, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (TimeWindow.Restart(ref scan.SlowStart, now, _options.SlowWindow.Ticks))
            scan.FailedPorts.Clear();
        scan.FailedPorts.Add(KeyHash.Mix(site.DestinationPort + 1UL));
        if (scan.FailedPorts.SetBits >= _slowBits && TimeWindow.TryArm(ref scan.VerticalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.SlowPortScan, "distinct ports with failed attempts", scan.FailedPorts.Estimate(),
                _options.SlowPorts, _options.SlowWindow, site.Destination.ToString()), in site);
        }

        if (TimeWindow.Restart(ref scan.HostStart, now, _options.HostWindow.Ticks))
            scan.FailedHosts.Clear();
        scan.FailedHosts.Add(KeyHash.Of(site.Destination));
        if (scan.FailedHosts.SetBits >= _hostBits && TimeWindow.TryArm(ref scan.HorizontalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.HorizontalScan, "distinct hosts with failed attempts", scan.FailedHosts.Estimate(),
                _options.Hosts, _options.HostWindow, $"port {site.DestinationPort}/{ProtocolName(site.Protocol)}"), in site);
        }
    }

    private static string ProtocolName(IpProtocol protocol) => protocol == IpProtocol.Udp ? "udp" : "tcp";
}
