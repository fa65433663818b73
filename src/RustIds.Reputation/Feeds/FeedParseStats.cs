namespace RustIds.Reputation.Feeds;

/// <summary>Counts from one parse.</summary>
public sealed record FeedParseStats(int Lines, int Accepted, int Garbage, int Refused);
