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
    internal void OnAttempt(ref FastScanCounters fast, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (TimeWindow.Restart(ref fast.Start, now, _options.FastWindow.Ticks))
            fast.Ports.Clear();
        fast.Ports.Add(KeyHash.Mix(site.DestinationPort + 1UL));
        if (fast.Ports.SetBits >= _fastBits && TimeWindow.TryArm(ref fast.VerticalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.FastPortScan, "distinct destination ports", fast.Ports.Estimate(),
                _options.FastPorts, _options.FastWindow, site.Destination.ToString()), in site);
        }
    }

    /// <summary>An attempt that ended without an answer or with a refusal.</summary>
    /// <param name="failures">The source's failed-attempt windows.</param>
    /// <param name="sources">The sources' fast windows: a slow scan shares its source's cooldown (one scan, one alert). Looked up
    /// only when a slow scan crosses its threshold, so a failed attempt costs no entry there (most failing sources are never busy).</param>
    /// <param name="site">The failed flow.</param>
    internal void OnFailed(ref FailureState failures, BoundedTable<AddressKey, SourceState> sources, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (TimeWindow.Restart(ref failures.SlowStart, now, _options.SlowWindow.Ticks))
            failures.Ports.Clear();
        failures.Ports.Add(KeyHash.Mix(site.DestinationPort + 1UL));
        if (failures.Ports.SetBits >= _slowBits
            && TimeWindow.TryArm(ref sources.GetOrAdd(new AddressKey(site.Source), now).Fast.VerticalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.SlowPortScan, "distinct ports with failed attempts", failures.Ports.Estimate(),
                _options.SlowPorts, _options.SlowWindow, site.Destination.ToString()), in site);
        }

        if (TimeWindow.Restart(ref failures.HostStart, now, _options.HostWindow.Ticks))
            failures.Hosts.Clear();
        failures.Hosts.Add(KeyHash.Of(site.Destination));
        if (failures.Hosts.SetBits >= _hostBits && TimeWindow.TryArm(ref failures.HorizontalQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.HorizontalScan, "distinct hosts with failed attempts", failures.Hosts.Estimate(),
                _options.Hosts, _options.HostWindow, $"port {site.DestinationPort}/{ProtocolName(site.Protocol)}"), in site);
        }
    }

    private static string ProtocolName(IpProtocol protocol) => protocol == IpProtocol.Udp ? "udp" : "tcp";
}
