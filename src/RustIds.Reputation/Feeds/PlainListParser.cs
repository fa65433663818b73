namespace RustIds.Reputation.Feeds;

/// <summary>
/// Parses plain address lists: one IPv4/IPv6 address or CIDR network per line (FireHOL netsets,
/// ET compromised, Feodo, Spamhaus DROP text), with <c>#</c> and <c>;</c> comments.
/// </summary>
/// <remarks>
/// A thin wrapper over <see cref="FeedParser"/> with <see cref="FeedFormat.Plain"/> and default
/// options (so private, reserved and too-broad entries are refused), kept for callers that only
/// know a path.
/// </remarks>
public static class PlainListParser
{
    /// <summary>Shortest IPv4 prefix accepted from a feed.</summary>
    public const int MinimumV4Prefix = FeedEntryScreen.MinimumV4Prefix;

    /// <summary>Shortest IPv6 prefix accepted from a feed.</summary>
    public const int MinimumV6Prefix = FeedEntryScreen.MinimumV6Prefix;

    private static readonly FeedParseOptions Plain = new();

    /// <summary>Reads and parses <paramref name="path"/>; the list is named after the file unless <paramref name="name"/> is given.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Blocklist ParseFile(string path, string? name = null) =>
        FeedParser.ParseFile(path, name ?? Path.GetFileNameWithoutExtension(path), Plain);

    /// <summary>Parses list text; <paramref name="file"/> is only used in diagnostics.</summary>
    public static Blocklist Parse(string name, string file, string text) => FeedParser.Parse(name, file, text, Plain);
}
