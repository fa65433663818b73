using System.Globalization;
using RustIds.Detection;
using RustIds.Packets;

namespace RustIds.Reputation.Scoring;

/// <summary>
/// Turns the alerts against one address plus its threat intelligence into a <see cref="Verdict"/>
/// whose every point is accounted for by a <see cref="VerdictReason"/>.
/// </summary>
/// <remarks>Stateless after construction and thread-safe. Off the hot path (allocates reasons).</remarks>
public sealed class ReputationScorer
{
    private readonly ScoringOptions _options;
    private readonly Dictionary<string, int> _countryWeights;

    /// <summary>Creates a scorer.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ReputationScorer(ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid scoring options: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _countryWeights = new Dictionary<string, int>(options.CountryWeights, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Scores <paramref name="address"/> given the <paramref name="alerts"/> that accuse it.</summary>
    public Verdict Score(IpAddr address, IReadOnlyList<Alert> alerts, ReputationContext context)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(context);
        var reasons = new List<VerdictReason>();
        AddRuleReasons(alerts, reasons);
        AddBlocklistReasons(address, context, reasons);
        var country = AddGeoIpReason(address, context, reasons);
        var priorBlocks = context.History?.PriorBlockCount ?? 0;
        if (priorBlocks > 0)
        {
            var points = (int)Math.Min((long)priorBlocks * _options.HistoryPointsPerPriorBlock, _options.HistoryPointsCap);
            reasons.Add(new VerdictReason("history",
                string.Create(CultureInfo.InvariantCulture, $"{priorBlocks} prior block(s), {context.History!.AlertCount} recorded alert(s)"), points));
        }
        var score = Math.Clamp(reasons.Sum(r => (long)r.Points), 0, 100);
        var dropRule = alerts.FirstOrDefault(a => a.ForcesBlock);
        if (dropRule is not null)
        {
            reasons.Add(new VerdictReason("rule",
                string.Create(CultureInfo.InvariantCulture, $"{dropRule.Gid}:{dropRule.Sid}:{dropRule.Rev} has action drop: block whatever the score"), 0));
        }
        var action = score >= _options.BlockThreshold || dropRule is not null ? VerdictAction.Block
            : _options.RateLimitThreshold is { } rateLimit && score >= rateLimit ? VerdictAction.RateLimit
            : score >= _options.AlertThreshold ? VerdictAction.Alert
            : VerdictAction.Allow;
        return new Verdict
        {
            Address = address,
            Action = action,
            Score = (int)score,
            BlockThreshold = _options.BlockThreshold,
            Duration = action is VerdictAction.Block or VerdictAction.RateLimit ? BlockDuration(priorBlocks) : TimeSpan.Zero,
            EscalationLevel = priorBlocks,
            Country = country,
            Reasons = reasons,
        };
    }

    /// <summary>Base duration doubled per prior block, capped at the maximum.</summary>
    public TimeSpan BlockDuration(int priorBlocks)
    {
        var duration = _options.BaseBlockDuration;
        for (var i = 0; i < priorBlocks && duration < _options.MaxBlockDuration; i++)
            duration = duration <= TimeSpan.MaxValue / 2 ? duration * 2 : TimeSpan.MaxValue;
        return duration < _options.MaxBlockDuration ? duration : _options.MaxBlockDuration;
    }

    private void AddRuleReasons(IReadOnlyList<Alert> alerts, List<VerdictReason> reasons)
    {
        if (alerts.Count == 0)
            return;
        var top = alerts[0];
        foreach (var alert in alerts)
        {
            if (alert.Severity < top.Severity)
                top = alert;
        }
        var severity = Math.Clamp(top.Severity, 1, 4);
        var points = severity switch
        {
            1 => _options.Severity1Points,
            2 => _options.Severity2Points,
            3 => _options.Severity3Points,
            _ => _options.Severity4Points,
        };
        reasons.Add(new VerdictReason("rule",
            string.Create(CultureInfo.InvariantCulture, $"{top.Gid}:{top.Sid}:{top.Rev} \"{top.Signature}\" priority {severity}"), points));
        var otherSids = alerts.Select(a => (a.Gid, a.Sid)).Where(k => k != (top.Gid, top.Sid)).Distinct().OrderBy(k => k).ToList();
        if (otherSids.Count > 0)
        {
            var extra = (int)Math.Min((long)otherSids.Count * _options.ExtraSidPoints, _options.ExtraSidPointsCap);
            var shown = string.Join(", ", otherSids.Take(5).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Gid}:{k.Sid}")));
            var more = otherSids.Count > 5 ? ", ..." : "";
            reasons.Add(new VerdictReason("rule",
                string.Create(CultureInfo.InvariantCulture, $"{otherSids.Count} more distinct sid(s): {shown}{more}"), extra));
        }
    }

    private void AddBlocklistReasons(IpAddr address, ReputationContext context, List<VerdictReason> reasons)
    {
        var listed = 0;
        var extraTotal = 0;
        foreach (var list in context.Blocklists)
        {
            if (!list.Contains(address))
                continue;
            var points = _options.BlocklistPoints;
            var detail = "listed in " + list.Name;
            if (listed++ > 0)
            {
                points = Math.Clamp(_options.ExtraBlocklistPointsCap - extraTotal, 0, _options.ExtraBlocklistPoints);
                extraTotal += points;
                if (points < _options.ExtraBlocklistPoints)
                    detail += string.Create(CultureInfo.InvariantCulture, $" (extra listings capped at {_options.ExtraBlocklistPointsCap})");
            }
            reasons.Add(new VerdictReason("blocklist", detail, points));
        }
    }

    private string? AddGeoIpReason(IpAddr address, ReputationContext context, List<VerdictReason> reasons)
    {
        if (context.GeoIp is null || !context.GeoIp.TryGetCountry(address, out var code))
            return null;
        var country = code.ToString();
        if (_countryWeights.TryGetValue(country, out var weight))
            reasons.Add(new VerdictReason("geoip", $"country {country} (configured weight)", weight));
        else
            reasons.Add(new VerdictReason("geoip", $"country {country} (no weight configured)", 0));
        return country;
    }
}
