namespace RustIds.Reputation.Feeds;

/// <summary>The file formats rustids reads threat feeds in.</summary>
public enum FeedFormat
{
    Plain,
    SpamhausDrop,
    SpamhausJson,
    FireHol,
    DShield,
    Ipsum,
    Feodo,
    TorExit,
    Csv,
}
