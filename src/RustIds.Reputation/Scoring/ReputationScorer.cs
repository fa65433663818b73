using System.Globalization;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation.GeoIp;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Scoring;

/// <summary>
/// Turns the alerts against one address plus its threat intelligence into a <see cref="Verdict"/>
/// whose every point is accounted for by a <see cref="VerdictReason"/>. The model is described in <c>docs/reputation.md</c>.
/// </summary>
/// <remarks>Stateless after construction and thread-safe. Off the hot path (allocates reasons).</remarks>
public sealed class ReputationScorer
{
    private readonly ScoringOptions _options;
    private readonly Dictionary<string, int> _countryWeights;
    private readonly HashSet<string> _denyCountries;
    private readonly HashSet<string> _allowCountries;
    private readonly string _recidivismWindowText;
    private readonly string _halfLifeText;

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
        _denyCountries = new HashSet<string>(options.DenyCountries, StringComparer.OrdinalIgnoreCase);
        _allowCountries = new HashSet<string>(options.AllowCountries, StringComparer.OrdinalIgnoreCase);
        _recidivismWindowText = Days(options.RecidivismWindow);
        _halfLifeText = Days(options.HistoryHalfLife);
    }

    /// <summary>Scores <paramref name="address"/> given the <paramref name="alerts"/> that accuse it.</summary>
    public Verdict Score(IpAddr address, IReadOnlyList<Alert> alerts, ReputationContext context)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(context);
        var reasons = new List<VerdictReason>();
        AddRuleReasons(alerts, reasons);
        AddFeedReasons(address, context, reasons);
        var country = AddCountryReason(address, context, reasons);
        var asn = AddAsnReason(address, context, reasons);
        var level = AddHistoryReason(context, reasons);
        long total = 0;
        foreach (var reason in reasons)
            total += reason.Points;
        var score = (int)Math.Clamp(total, 0, 100);

        var action = score >= _options.BlockThreshold ? VerdictAction.Block
            : _options.RateLimitThreshold is { } rateLimit && score >= rateLimit ? VerdictAction.RateLimit
            : score >= _options.AlertThreshold ? VerdictAction.Alert
            : VerdictAction.Allow;
        action = ApplyOverrides(action, alerts, country, asn, context, reasons);
        return new Verdict
        {
            Address = address,
            Action = action,
            Score = score,
            BlockThreshold = _options.BlockThreshold,
            Duration = action is VerdictAction.Block or VerdictAction.RateLimit ? BlockDuration(level) : TimeSpan.Zero,
            EscalationLevel = level,
            Country = country,
            Reasons = reasons,
        };
    }

    /// <summary>The block duration at escalation <paramref name="level"/>: the ladder's step, or the base doubled per level; capped.</summary>
    public TimeSpan BlockDuration(int level)
    {
        var ladder = _options.BlockDurationLadder;
        if (ladder.Count > 0)
            return ladder[Math.Clamp(level, 0, ladder.Count - 1)];
        var duration = _options.BaseBlockDuration;
        for (var i = 0; i < level && duration < _options.MaxBlockDuration; i++)
            duration = duration <= TimeSpan.MaxValue / 2 ? duration * 2 : TimeSpan.MaxValue;
        return duration < _options.MaxBlockDuration ? duration : _options.MaxBlockDuration;
    }

    // Precedence, strongest last: score → country/ASN deny (block) → drop rule (block) → country/ASN allow (at most an
    // alert, unless a drop rule asked) → the address allowlist, which always wins. Each override explains itself.
    private VerdictAction ApplyOverrides(VerdictAction action, IReadOnlyList<Alert> alerts, string? country, uint? asn, ReputationContext context, List<VerdictReason> reasons)
    {
        var accused = alerts.Count > 0;
        if (accused && country is not null && _denyCountries.Contains(country))
        {
            reasons.Add(new VerdictReason("geoip", $"country {country} is on DenyCountries: block on any alert", 0));
            action = VerdictAction.Block;
        }
        if (accused && asn is { } denied && _options.DenyAsns.Contains(denied))
        {
            reasons.Add(new VerdictReason("asn", string.Create(CultureInfo.InvariantCulture, $"AS{denied} is on DenyAsns: block on any alert"), 0));
            action = VerdictAction.Block;
        }
        Alert? dropRule = null;
        foreach (var alert in alerts)
        {
            if (alert.ForcesBlock)
            {
                dropRule = alert;
                break;
            }
        }
        if (dropRule is not null)
        {
            reasons.Add(new VerdictReason("rule",
                string.Create(CultureInfo.InvariantCulture, $"{dropRule.Gid}:{dropRule.Sid}:{dropRule.Rev} has action drop: block whatever the score"), 0));
            action = VerdictAction.Block;
        }
        if (dropRule is null && action is VerdictAction.Block or VerdictAction.RateLimit)
        {
            if (country is not null && _allowCountries.Contains(country))
            {
                reasons.Add(new VerdictReason("geoip", $"country {country} is on AllowCountries: never blocked by score", 0));
                action = VerdictAction.Alert;
            }
            else if (asn is { } allowed && _options.AllowAsns.Contains(allowed))
            {
                reasons.Add(new VerdictReason("asn", string.Create(CultureInfo.InvariantCulture, $"AS{allowed} is on AllowAsns: never blocked by score"), 0));
                action = VerdictAction.Alert;
            }
        }
        if (context.Allowlisted is { } why)
        {
            reasons.Add(new VerdictReason("allowlist", $"protected ({why}): never blocked", 0));
            if (action is VerdictAction.Block or VerdictAction.RateLimit)
                action = VerdictAction.Alert;
        }
        return action;
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
        // The distinct other gid:sid pairs, ascending; alert windows are small, so a sort beats a hash set here.
        var others = new (int Gid, long Sid)[alerts.Count];
        var count = 0;
        foreach (var alert in alerts)
        {
            if (alert.Gid != top.Gid || alert.Sid != top.Sid)
                others[count++] = (alert.Gid, alert.Sid);
        }
        if (count == 0)
            return;
        Array.Sort(others, 0, count);
        var distinct = 1;
        for (var i = 1; i < count; i++)
        {
            if (others[i] != others[distinct - 1])
                others[distinct++] = others[i];
        }
        var extra = (int)Math.Min((long)distinct * _options.ExtraSidPoints, _options.ExtraSidPointsCap);
        var shown = new System.Text.StringBuilder(64);
        for (var i = 0; i < Math.Min(distinct, 5); i++)
            shown.Append(i == 0 ? "" : ", ").Append(others[i].Gid).Append(':').Append(others[i].Sid);
        if (distinct > 5)
            shown.Append(", ...");
        reasons.Add(new VerdictReason("rule",
            string.Create(CultureInfo.InvariantCulture, $"{distinct} more distinct sid(s): {shown}"), extra));
    }

    // The strongest listing counts in full; each further one adds at most ExtraBlocklistPoints, together at most
    // ExtraBlocklistPointsCap: feeds copy each other, so agreement is weak evidence.
    private void AddFeedReasons(IpAddr address, ReputationContext context, List<VerdictReason> reasons)
    {
        List<(string Detail, int Points)>? listings = null;
        foreach (var feed in context.Feeds)
        {
            var hits = feed.List.Hits(address);
            if (hits == 0)
                continue;
            var weight = feed.Definition.Weight;
            var detail = "listed in " + feed.Name;
            if (weight.FullWeightHits > 1)
                detail += string.Create(CultureInfo.InvariantCulture, $" ({hits} hit(s), full weight at {weight.FullWeightHits})");
            if (weight.Quality < 1)
                detail += string.Create(CultureInfo.InvariantCulture, $" (quality {weight.Quality:0.##})");
            (listings ??= []).Add((detail, weight.PointsFor(hits)));
        }
        if (listings is null)
            return;
        listings.Sort(static (a, b) => b.Points.CompareTo(a.Points));
        reasons.Add(new VerdictReason("blocklist", listings[0].Detail, listings[0].Points));
        var extraTotal = 0;
        for (var i = 1; i < listings.Count; i++)
        {
            var (detail, full) = listings[i];
            var points = Math.Clamp(_options.ExtraBlocklistPointsCap - extraTotal, 0, Math.Min(full, _options.ExtraBlocklistPoints));
            extraTotal += points;
            if (points < Math.Min(full, _options.ExtraBlocklistPoints))
                detail += string.Create(CultureInfo.InvariantCulture, $" (extra listings capped at {_options.ExtraBlocklistPointsCap})");
            reasons.Add(new VerdictReason("blocklist", detail, points));
        }
    }

    private string? AddCountryReason(IpAddr address, ReputationContext context, List<VerdictReason> reasons)
    {
        CountryCode code;
        try
        {
            if (context.GeoIp is null || !context.GeoIp.TryGetCountry(address, out code))
                return null;
        }
        catch (MaxMindDbException ex)
        {
            // A corrupt spot in the database must not cost the verdict: say so, score without it.
            reasons.Add(new VerdictReason("geoip", "country lookup failed: " + ex.Message, 0));
            return null;
        }
        var country = code.ToString();
        if (_countryWeights.TryGetValue(country, out var weight))
            reasons.Add(new VerdictReason("geoip", $"country {country} (configured weight)", weight));
        else
            reasons.Add(new VerdictReason("geoip", $"country {country} (no weight configured)", 0));
        return country;
    }

    private uint? AddAsnReason(IpAddr address, ReputationContext context, List<VerdictReason> reasons)
    {
        uint asn;
        try
        {
            if (context.Asn is null || !context.Asn.TryGetAsn(address, out asn))
                return null;
        }
        catch (MaxMindDbException ex)
        {
            reasons.Add(new VerdictReason("asn", "ASN lookup failed: " + ex.Message, 0));
            return null;
        }
        var weighted = _options.AsnWeights.TryGetValue(asn, out var weight);
        reasons.Add(new VerdictReason("asn",
            string.Create(CultureInfo.InvariantCulture, $"AS{asn} ({(weighted ? "configured weight" : "no weight configured")})"), weighted ? weight : 0));
        return asn;
    }

    /// <summary>Adds the decayed history points; returns the escalation level (earlier blocks inside the recidivism window).</summary>
    private int AddHistoryReason(ReputationContext context, List<VerdictReason> reasons)
    {
        var history = context.History;
        if (history is null || history.PriorBlockCount == 0)
            return 0;
        var recent = 0;
        var weight = 0.0;
        foreach (var at in history.BlockTimes)
        {
            var age = context.Now - at;
            if (age < TimeSpan.Zero)
                age = TimeSpan.Zero;
            if (age <= _options.RecidivismWindow)
                recent++;
            weight += Math.Pow(0.5, age / _options.HistoryHalfLife);
        }
        var points = (int)Math.Min(Math.Round(weight * _options.HistoryPointsPerPriorBlock, MidpointRounding.AwayFromZero), _options.HistoryPointsCap);
        reasons.Add(new VerdictReason("history", string.Create(CultureInfo.InvariantCulture,
            $"{history.PriorBlockCount} prior block(s), {recent} within {_recidivismWindowText}, {history.AlertCount} recorded alert(s); decayed weight {Math.Round(weight, 2)} (half-life {_halfLifeText})"),
            points));
        return recent;
    }

    private static string Days(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} d")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");
}
