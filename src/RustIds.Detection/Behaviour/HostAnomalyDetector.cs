using RustIds.Packets;
using RustIds.Packets.Memory;
namespace RustIds.Detection.Behaviour;

/// <summary>
/// Per-host baselines of internal hosts: packets, bytes, new flows and distinct destinations per
/// interval, each against its exponentially weighted mean and deviation (sids 60–63).
/// </summary>
/// <remarks>
/// Counts come from flows, not packets: a flow's packets and bytes are credited from the flow table once
/// per interval and at its end (see <see cref="FlowCredits"/>), and its first credit counts it as a new
/// flow to its destination; so the detector costs nothing per packet and one host lookup per flow (two
/// for flows that outlive an interval). An interval is judged when its host is next touched.
/// </remarks>
public sealed unsafe class HostAnomalyDetector
{
    private readonly AnomalyOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly BoundedTable<AddressKey, HostInterval> _hosts;
    private readonly HostBaseline* _baselines;
    private readonly BaselineRule _packets;
    private readonly BaselineRule _bytes;
    private readonly BaselineRule _flows;
    private readonly BaselineRule _destinations;
    private readonly long _intervalTicks;
    private readonly QuietIntervals _quiet;

    /// <param name="options">Thresholds.</param>
    /// <param name="cooldown">Quiet time after an alert for one host and measure.</param>
    /// <param name="emitter">Raises the alerts.</param>
    /// <param name="hostMemory">Where the host table lives: every flow of an internal host touches it.</param>
    /// <param name="baselineMemory">Where the baselines live: only a host seen in a second interval touches its own.</param>
    internal HostAnomalyDetector(AnomalyOptions options, TimeSpan cooldown, DetectionEmitter emitter, TableMemory hostMemory, TableMemory baselineMemory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _hosts = new BoundedTable<AddressKey, HostInterval>(options.TrackedHosts, hostMemory);
        _baselines = baselineMemory.Allocate<HostBaseline>(_hosts.Capacity);
        _packets = new BaselineRule(options.WarmupIntervals, options.Sigma, options.MinPackets, options.Alpha);
        _bytes = new BaselineRule(options.WarmupIntervals, options.Sigma, options.MinBytes, options.Alpha);
        _flows = new BaselineRule(options.WarmupIntervals, options.Sigma, options.MinNewFlows, options.Alpha);
        _destinations = new BaselineRule(options.WarmupIntervals, options.Sigma, options.MinDestinations, options.Alpha);
        _intervalTicks = options.Interval.Ticks;
        _quiet = new QuietIntervals(options.Alpha);
    }

    public BoundedTable<AddressKey, HostInterval> Hosts => _hosts;

    /// <summary>Bytes of the host table and the baselines beside it, allocated once.</summary>
    public long MemoryBytes => _hosts.MemoryBytes + (long)_hosts.Capacity * sizeof(HostBaseline);

    /// <summary>Starts loading the entry set of <paramref name="host"/>, for a <see cref="Credit"/> a little later.</summary>
    public void Prefetch(IpAddr host) => _hosts.Prefetch(new AddressKey(host));

    /// <summary>Traffic of a flow the host opened, since it was last credited.</summary>
    /// <param name="flow">The flow; its initiator is the host.</param>
    /// <param name="creditTicks">The packet time the credit counts at.</param>
    /// <param name="packets">Packets since the last credit.</param>
    /// <param name="bytes">Bytes since the last credit.</param>
    /// <param name="newFlow">The flow's first credit: it counts as a new flow to its destination.</param>
    public void Credit(in FlowEntry flow, long creditTicks, long packets, long bytes, bool newFlow)
    {
        ref var host = ref Current(in flow, creditTicks);
        host.Packets += packets;
        host.Bytes += bytes;
        if (newFlow)
        {
            host.NewFlows++;
            host.Destinations.Add(KeyHash.Of(flow.ResponderAddress));
        }
    }

    /// <summary>The host's entry, its finished intervals judged first.</summary>
    /// <remarks>
    /// The baselines sit in an array of their own, in the entry's slot, and are first touched when the host's first
    /// interval closes: a host seen in one interval only (most of a stream of new clients) costs one 96-byte entry, not
    /// 248 bytes over four or five cache lines, and pages of baselines that no host reaches are never faulted in.
    /// </remarks>
    private ref HostInterval Current(in FlowEntry flow, long now)
    {
        ref var host = ref _hosts.GetOrAdd(new AddressKey(flow.InitiatorAddress), now, out var slot);
        var interval = now / _intervalTicks;
        if (host.Interval == 0)
        {
            host.Interval = interval;
            return ref host;
        }
        if (interval <= host.Interval)
            return ref host;
        ref var baseline = ref _baselines[slot];
        if (!host.HasBaseline)
        {
            baseline = default;
            host.HasBaseline = true;
        }
        // The flow whose credit closed the interval stands for the host in any alert.
        Close(ref host, ref baseline, DetectionSite.Of(in flow, now));
        var quiet = QuietIntervals.Between(host.Interval, interval);
        if (quiet > 0)
        {
            // Every measure shares the learning rate: one decay for all four.
            var decay = _quiet.Decay(quiet);
            baseline.PacketRate.JudgeQuiet(quiet, decay);
            baseline.ByteRate.JudgeQuiet(quiet, decay);
            baseline.FlowRate.JudgeQuiet(quiet, decay);
            baseline.DestinationRate.JudgeQuiet(quiet, decay);
        }
        host.Interval = interval;
        host.Packets = host.Bytes = host.NewFlows = 0;
        host.Destinations.Clear();
        return ref host;
    }

    private void Close(ref HostInterval host, ref HostBaseline baseline, in DetectionSite site)
    {
        Judge(ref baseline.PacketRate, host.Packets, _packets, DetectorSignature.PacketRateAnomaly, "packets", in site);
        Judge(ref baseline.ByteRate, host.Bytes, _bytes, DetectorSignature.ByteRateAnomaly, "bytes", in site);
        Judge(ref baseline.FlowRate, host.NewFlows, _flows, DetectorSignature.NewFlowRateAnomaly, "new flows", in site);
        Judge(ref baseline.DestinationRate, host.Destinations.Estimate(), _destinations, DetectorSignature.DestinationCountAnomaly, "distinct destinations", in site);
    }

    private void Judge(ref MetricBaseline metric, double value, BaselineRule rule, DetectorSignature signature, string measure, in DetectionSite site)
    {
        if (!metric.Judge(value, rule, out var limit, out var mean, out var deviation) || metric.Streak < _options.SustainIntervals
            || !TimeWindow.TryArm(ref metric.QuietUntil, site.TimestampTicks, _cooldown))
            return;
        _emitter.Raise(new DetectionEvidence(signature, measure, value, limit, _options.Interval)
        {
            BaselineMean = mean,
            BaselineDeviation = deviation,
            Sigma = _options.Sigma,
            Detail = $"{metric.Streak} intervals in a row",
        }, in site);
    }
}
