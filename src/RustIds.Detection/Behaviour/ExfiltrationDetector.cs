using RustIds.Packets;
using RustIds.Packets.Memory;
using System.Globalization;

namespace RustIds.Detection.Behaviour;

/// <summary>
/// Data leaving internal hosts: bytes uploaded per interval to one outside peer against that pair's
/// baseline (sid 50), and single connections that trickle data out for a long time (sid 51).
/// </summary>
/// <remarks>Fed from flow counters (see <see cref="FlowCredits"/>), never per packet.</remarks>
public sealed class ExfiltrationDetector
{
    private readonly ExfiltrationOptions _options;
    private readonly DetectionEmitter _emitter;
    private readonly long _cooldown;
    private readonly long _intervalTicks;
    private readonly TimeSpan _interval;
    private readonly BoundedTable<PairKey, PairBaseline> _pairs;
    private readonly BaselineRule _rule;
    private readonly QuietIntervals _quiet;

    /// <param name="options">Thresholds.</param>
    /// <param name="interval">The baseline interval (<see cref="AnomalyOptions.Interval"/>).</param>
    /// <param name="alpha">The baseline's learning rate (<see cref="AnomalyOptions.Alpha"/>).</param>
    /// <param name="cooldown">Quiet time after an alert for one pair.</param>
    /// <param name="emitter">Raises the alerts.</param>
    /// <param name="memory">Where the pair table lives.</param>
    internal ExfiltrationDetector(ExfiltrationOptions options, TimeSpan interval, double alpha, TimeSpan cooldown, DetectionEmitter emitter, TableMemory memory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _emitter = emitter;
        _cooldown = cooldown.Ticks;
        _interval = interval;
        _intervalTicks = interval.Ticks;
        _pairs = new BoundedTable<PairKey, PairBaseline>(options.TrackedPairs, memory);
        _rule = new BaselineRule(options.WarmupIntervals, options.Sigma, options.MinBytes, alpha);
        _quiet = new QuietIntervals(alpha);
    }

    public BoundedTable<PairKey, PairBaseline> Pairs => _pairs;

    /// <summary>Starts loading the entry set of the pair, for a <see cref="CreditUpload"/> a little later.</summary>
    public void Prefetch(IpAddr source, IpAddr destination) => _pairs.Prefetch(new PairKey(source, destination));

    /// <summary>Bytes the flow's internal initiator sent to its outside responder since last credited.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="now">The packet time the credit counts at.</param>
    /// <param name="bytes">Bytes uploaded since the last credit.</param>
    public void CreditUpload(in FlowEntry flow, long now, long bytes)
    {
        ref var pair = ref _pairs.GetOrAdd(new PairKey(flow.InitiatorAddress, flow.ResponderAddress), now);
        var interval = now / _intervalTicks;
        if (pair.Interval == 0)
            pair.Interval = interval;
        else if (interval > pair.Interval)
        {
            Judge(ref pair, in flow, now);
            var quiet = QuietIntervals.Between(pair.Interval, interval);
            pair.Upload.JudgeQuiet(quiet, _quiet.Decay(quiet));
            pair.Interval = interval;
            pair.Bytes = 0;
        }
        pair.Bytes += bytes;
    }

    /// <summary>Checks a long-lived flow for a low-and-slow upload; true when it was reported (report each flow once).</summary>
    /// <param name="flow">The flow, from its internal initiator.</param>
    /// <param name="now">The packet time of the check.</param>
    public bool CheckLowAndSlow(in FlowEntry flow, long now)
    {
        var durationTicks = flow.LastTicks - flow.FirstTicks;
        var bytesUp = flow.BytesToServer;
        var bytesDown = flow.BytesToClient;
        if (durationTicks < _options.LowSlowDuration.Ticks || bytesUp < _options.LowSlowBytes || bytesUp < _options.LowSlowRatio * Math.Max(bytesDown, 1))
            return false;
        var site = DetectionSite.Of(in flow, now);
        var duration = TimeSpan.FromTicks(durationTicks);
        _emitter.Raise(new DetectionEvidence(DetectorSignature.LowAndSlowUpload, "bytes uploaded in one connection", bytesUp,
            _options.LowSlowBytes, TimeSpan.FromMinutes(Math.Floor(duration.TotalMinutes)), site.Destination.ToString())
        {
            Detail = string.Create(CultureInfo.InvariantCulture, $"{bytesUp / (double)Math.Max(bytesDown, 1):0.#} times what it downloaded ({bytesDown} bytes)"),
        }, in site);
        return true;
    }

    private void Judge(ref PairBaseline pair, in FlowEntry flow, long now)
    {
        if (!pair.Upload.Judge(pair.Bytes, _rule, out var limit, out var mean, out var deviation) || !TimeWindow.TryArm(ref pair.Upload.QuietUntil, now, _cooldown))
            return;
        var site = DetectionSite.Of(in flow, now);
        _emitter.Raise(new DetectionEvidence(DetectorSignature.ExfiltrationVolume, "bytes uploaded", pair.Bytes, limit, _interval, site.Destination.ToString())
        {
            BaselineMean = mean,
            BaselineDeviation = deviation,
            Sigma = _options.Sigma,
        }, in site);
    }
}
