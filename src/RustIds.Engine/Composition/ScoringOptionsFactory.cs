using RustIds.Engine.Configuration;
using RustIds.Reputation.Scoring;

namespace RustIds.Engine.Composition;

/// <summary>Maps the configuration's reputation section onto the scorer's options.</summary>
public static class ScoringOptionsFactory
{
    public static ScoringOptions Create(ReputationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ScoringOptions
        {
            BlockThreshold = options.BlockThreshold,
            AlertThreshold = options.AlertThreshold,
            RateLimitThreshold = options.RateLimitThreshold,
            BlocklistPoints = options.BlocklistPoints,
            CountryWeights = new Dictionary<string, int>(options.CountryWeights, StringComparer.OrdinalIgnoreCase),
            BaseBlockDuration = options.BaseBlockDuration,
            MaxBlockDuration = options.MaxBlockDuration,
            AsnWeights = options.AsnWeights.Where(p => TryParseAsn(p.Key, out _)).ToDictionary(p => ParseAsn(p.Key), p => p.Value),
            DenyCountries = new HashSet<string>(options.DenyCountries, StringComparer.OrdinalIgnoreCase),
            AllowCountries = new HashSet<string>(options.AllowCountries, StringComparer.OrdinalIgnoreCase),
            DenyAsns = new HashSet<uint>(options.DenyAsns),
            AllowAsns = new HashSet<uint>(options.AllowAsns),
            HistoryHalfLife = options.HistoryHalfLife,
            RecidivismWindow = options.RecidivismWindow,
            BlockDurationLadder = [.. options.BlockDurationLadder],
        };
    }

    /// <summary>Reads an AsnWeights key: <c>AS64496</c> or <c>64496</c>.</summary>
    public static bool TryParseAsn(string text, out uint asn)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        return uint.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out asn);
    }

    private static uint ParseAsn(string text) => TryParseAsn(text, out var asn) ? asn : 0;
}
