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
        };
    }
}
