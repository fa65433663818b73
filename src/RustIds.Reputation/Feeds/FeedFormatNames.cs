namespace RustIds.Reputation.Feeds;

/// <summary>Config spelling of <see cref="FeedFormat"/>: kebab-case names.</summary>
public static class FeedFormatNames
{
    private static readonly (FeedFormat Format, string Name)[] Names =
    [
        (FeedFormat.Plain, "plain"), (FeedFormat.SpamhausDrop, "spamhaus-drop"), (FeedFormat.SpamhausJson, "spamhaus-json"),
        (FeedFormat.FireHol, "firehol"), (FeedFormat.DShield, "dshield"), (FeedFormat.Ipsum, "ipsum"),
        (FeedFormat.Feodo, "feodo"), (FeedFormat.TorExit, "tor-exit"), (FeedFormat.Csv, "csv"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static bool TryParse(string text, out FeedFormat format)
    {
        foreach (var (f, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }
        format = default;
        return false;
    }

    public static string ToName(FeedFormat format) => Names.First(n => n.Format == format).Name;
}
