namespace RustIds.Reputation.Feeds;

/// <summary>Guesses a feed file's format from its first entry lines, for ad-hoc checks (<c>rustids ip check --feed FILE</c>).</summary>
/// <remarks>Configured feeds always name their format; a guess is only for a file handed over on the command line.</remarks>
public static class FeedFormatSniffer
{
    private const int LinesToRead = 50;

    /// <summary>The likely format of <paramref name="text"/>; <see cref="FeedFormat.Plain"/> when nothing more specific fits.</summary>
    public static FeedFormat Guess(ReadOnlySpan<char> text)
    {
        var read = 0;
        foreach (var range in text.Split('\n'))
        {
            if (++read > LinesToRead)
                break;
            var line = text[range].TrimEnd('\r').Trim('\uFEFF').Trim();
            if (line.IsEmpty || line[0] is '#' or ';')
                continue;
            if (line[0] == '{')
                return FeedFormat.SpamhausJson;
            if (line.StartsWith("Start\t", StringComparison.OrdinalIgnoreCase))
                return FeedFormat.DShield;
            var tab = line.IndexOf('\t');
            if (tab > 0)
            {
                var rest = line[(tab + 1)..].Trim();
                var secondTab = rest.IndexOf('\t');
                if (secondTab < 0 && !rest.IsEmpty && !rest.ContainsAnyExceptInRange('0', '9'))
                    return FeedFormat.Ipsum;
                if (secondTab > 0)
                    return FeedFormat.DShield;
            }
            if (line.Contains(';'))
                return FeedFormat.SpamhausDrop;
            return FeedFormat.Plain;
        }
        return FeedFormat.Plain;
    }
}
