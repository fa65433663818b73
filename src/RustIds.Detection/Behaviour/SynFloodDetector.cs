using System.Globalization;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// SYN floods: connection attempts that do not complete. Per source (sid 11) when one address sends
/// them; per destination service (sid 10) when they come from many sources, which are likely
/// spoofed, so the victim is reported and no source is accused.
/// </summary>
public sealed class SynFloodDetector
{
    /// <summary>A source's SYNs count as a flood only while they aim at this many services or fewer.</summary>
    public const int MaxFloodedServices = 8;

    private readonly SynFloodOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly int _sourceBits;
    private readonly int _manyServicesBits = DistinctSketch.BitsFor(MaxFloodedServices + 1);

    public SynFloodDetector(SynFloodOptions options, TimeSpan cooldown, DetectionEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _sourceBits = DistinctSketch.BitsFor(options.DistinctSources);
    }

    internal void OnSyn(ref SynCounters source, ref ServiceState service, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        var window = _options.Window.Ticks;
        if (TimeWindow.Restart(ref source.Start, now, window))
        {
            source.Syns = source.Completed = 0;
            source.Services.Clear();
        }
        source.Syns++;
        source.Services.Add(new ServiceKey(site.Destination, site.DestinationPort, site.Protocol).Hash);
        var halfOpen = source.Syns - source.Completed;
        // A flood aims at a few services; SYNs spread over many ports or hosts are a scan, which the scan detector reports.
        if (halfOpen >= _options.SourceSyns && source.Services.SetBits < _manyServicesBits && TimeWindow.TryArm(ref source.QuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.SynFloodFromSource, "half-open connection attempts", halfOpen,
                _options.SourceSyns, _options.Window, Service(in site)), in site);
        }

        if (TimeWindow.Restart(ref service.SynStart, now, window))
        {
            service.Syns = service.Completed = 0;
            service.SynSources.Clear();
        }
        service.Syns++;
        service.SynSources.Add(KeyHash.Of(site.Source));
        if (service.Syns >= _options.DestinationSyns
            && service.Completed <= _options.MaxCompletedShare * service.Syns
            && service.SynSources.SetBits >= _sourceBits
            && TimeWindow.TryArm(ref service.SynQuietUntil, now, _cooldown))
        {
            var completed = 100.0 * service.Completed / service.Syns;
            _emitter.Raise(new DetectionEvidence(DetectorSignature.SynFloodOnService, "connection attempts", service.Syns,
                _options.DestinationSyns, _options.Window, Service(in site))
            {
                Detail = string.Create(CultureInfo.InvariantCulture, $"from about {service.SynSources.Estimate()} sources, {completed:0.#} % completed; sources are likely spoofed and are not blocked"),
            }, in site, reportsVictim: true);
        }
    }

    /// <summary>A handshake completed: the attempt was not part of a flood.</summary>
    internal static void OnCompleted(ref SynCounters source, ref ServiceState service)
    {
        source.Completed++;
        service.Completed++;
    }

    private static string Service(in DetectionSite site) => new ServiceKey(site.Destination, site.DestinationPort, site.Protocol).ToString();
}
