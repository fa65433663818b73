using System.Globalization;
using RustIds.Packets;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// SYN floods: connection attempts to a service whose handshakes mostly do not complete. Per source
/// (sid 11) when one address sends them; per destination service (sid 10) when they come from many
/// sources, which are likely spoofed, so the victim is reported and no source is accused.
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

    /// <summary>The worker's flow table, where handshake completion is read when a count crosses its threshold.</summary>
    internal FlowTracker? Flows { get; set; }

    /// <summary>A SYN (a flow opened by one) from a busy source to its destination service.</summary>
    internal void OnSyn(ref SynCounters source, ref ServiceState service, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        CountService(ref service, in site);
        if (TimeWindow.Restart(ref source.Start, now, _options.Window.Ticks))
        {
            source.Syns = 0;
            source.Services.Clear();
        }
        source.Syns++;
        source.Services.Add(new ServiceKey(site.Destination, site.DestinationPort, site.Protocol).Hash);

        // A flood aims at a few services whose handshakes then mostly fail to complete; SYNs spread over many ports or
        // hosts are a scan (the scan detector reports it), and many SYNs to a service that completes most are a busy client.
        var fromSource = source.Syns >= _options.SourceSyns && source.Services.SetBits < _manyServicesBits && now >= source.QuietUntil;
        if (fromSource && IsStarved(ref service, in site) && TimeWindow.TryArm(ref source.QuietUntil, now, _cooldown))
        {
            _emitter.Raise(new DetectionEvidence(DetectorSignature.SynFloodFromSource, "connection attempts", source.Syns,
                _options.SourceSyns, _options.Window, Service(in site))
            {
                Detail = string.Create(CultureInfo.InvariantCulture, $"{service.CompletedPercent:0.#} % of the service's handshakes completed"),
            }, in site);
        }
        CheckService(ref service, in site);
    }

    /// <summary>A SYN from a source that is not busy itself to a busy service (a flood from many sources looks like this).</summary>
    internal void OnServiceSyn(ref ServiceState service, in DetectionSite site)
    {
        CountService(ref service, in site);
        CheckService(ref service, in site);
    }

    private void CountService(ref ServiceState service, in DetectionSite site)
    {
        if (TimeWindow.Restart(ref service.SynStart, site.TimestampTicks, _options.Window.Ticks))
        {
            service.Syns = 0;
            service.NextShareCheck = 0;
            service.SynSources.Clear();
        }
        service.Syns++;
        service.SynSources.Add(KeyHash.Of(site.Source));
    }

    private void CheckService(ref ServiceState service, in DetectionSite site)
    {
        var now = site.TimestampTicks;
        if (service.Syns < _options.DestinationSyns || service.SynSources.SetBits < _sourceBits || now < service.SynQuietUntil
            || !IsStarved(ref service, in site) || !TimeWindow.TryArm(ref service.SynQuietUntil, now, _cooldown))
            return;
        _emitter.Raise(new DetectionEvidence(DetectorSignature.SynFloodOnService, "connection attempts", service.Syns,
            _options.DestinationSyns, _options.Window, Service(in site))
        {
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"from about {service.SynSources.Estimate()} sources, {service.CompletedPercent:0.#} % completed; sources are likely spoofed and are not blocked"),
        }, in site, reportsVictim: true);
    }

    /// <summary>
    /// Whether the service's handshakes in this window mostly fail, read from the flow table. Only asked when a count
    /// crossed its threshold, and again only after the SYNs doubled, so a busy service costs a few table walks per
    /// window instead of a lookup for every completed handshake.
    /// </summary>
    private bool IsStarved(ref ServiceState service, in DetectionSite site)
    {
        if (service.Syns < service.NextShareCheck)
            return service.Starved;
        service.NextShareCheck = service.Syns * 2;
        var attempts = 0;
        var completed = 0;
        if (Flows is { } flows)
        {
            for (var slot = flows.OldestSlot; slot >= 0; slot = flows.NewerSlot(slot))
            {
                ref readonly var flow = ref flows.EntryAt(slot);
                if (!flow.OpenedBySyn || flow.FirstTicks < service.SynStart)
                    continue;
                var target = DetectionSite.Of(in flow, flow.FirstTicks);
                if (target.DestinationPort != site.DestinationPort || target.Destination != site.Destination)
                    continue;
                attempts++;
                if (flow.IsEstablished)
                    completed++;
            }
        }
        service.CompletedPercent = attempts == 0 ? 0 : 100.0 * completed / attempts;
        service.Starved = completed <= _options.MaxCompletedShare * attempts;
        return service.Starved;
    }

    private static string Service(in DetectionSite site) => new ServiceKey(site.Destination, site.DestinationPort, site.Protocol).ToString();
}
