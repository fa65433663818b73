namespace RustIds.Detection.Behaviour;

/// <summary>ICMP floods from one source (sid 30), ping sweeps across hosts (sid 31), and floods of one destination from many sources (sid 32, a victim report).</summary>
public sealed class IcmpDetector
{
    private readonly IcmpOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly int _sweepBits;
    private readonly int _distributedBits;

    public IcmpDetector(IcmpOptions options, TimeSpan cooldown, DetectionEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _sweepBits = DistinctSketch.BitsFor(options.SweepHosts);
        _distributedBits = DistinctSketch.BitsFor(options.DistributedSources);
    }

    /// <summary>An echo request from a busy source: flood and sweep.</summary>
    internal void OnEchoFrom(ref EchoState source, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        var requests = source.Requests.Add(now, _options.FloodWindow.Ticks);
        if (requests >= _options.FloodRequests && TimeWindow.TryArm(ref source.FloodQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.IcmpFlood, "echo requests", requests,
                _options.FloodRequests, _options.FloodWindow, site.Destination.ToString()), in site);
        }

        if (TimeWindow.Restart(ref source.SweepStart, now, _options.SweepWindow.Ticks))
            source.Hosts.Clear();
        source.Hosts.Add(KeyHash.Of(site.Destination));
        if (source.Hosts.SetBits >= _sweepBits && TimeWindow.TryArm(ref source.SweepQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.PingSweep, "distinct hosts pinged", source.Hosts.Estimate(),
                _options.SweepHosts, _options.SweepWindow), in site);
        }
    }

    /// <summary>An echo request to a busy target: a flood from many sources.</summary>
    internal void OnEchoTo(ref ServiceState target, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (TimeWindow.Restart(ref target.EchoStart, now, _options.FloodWindow.Ticks))
        {
            target.Echoes = 0;
            target.EchoSources.Clear();
        }
        target.Echoes++;
        target.EchoSources.Add(KeyHash.Of(site.Source));
        if (target.Echoes >= _options.DistributedRequests && target.EchoSources.SetBits >= _distributedBits
            && TimeWindow.TryArm(ref target.EchoQuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.DistributedIcmpFlood, "echo requests", target.Echoes,
                _options.DistributedRequests, _options.FloodWindow, site.Destination.ToString())
            {
                Detail = $"from about {target.EchoSources.Estimate()} sources; sources are likely spoofed and are not blocked",
            }, in site, reportsVictim: true);
        }
    }
}
