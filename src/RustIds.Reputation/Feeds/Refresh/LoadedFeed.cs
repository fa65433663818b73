namespace RustIds.Reputation.Feeds.Refresh;

/// <summary>A feed in use: its definition, its parsed networks, and when that copy was downloaded.</summary>
public sealed record LoadedFeed(FeedDefinition Definition, Blocklist List, DateTimeOffset FetchedAt)
{
    public string Name => Definition.Name;
}
