namespace RustIds.Reputation.Feeds;

/// <summary>Parses any <see cref="FeedFormat"/>.</summary>
public static class FeedParser
{
    public static Blocklist Parse(string name, string file, string text, FeedParseOptions options) => PlainListParser.Parse(name, file, text);

    public static Blocklist ParseFile(string path, string name, FeedParseOptions options) => Parse(name, path, File.ReadAllText(path), options);
}
