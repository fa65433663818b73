namespace RustIds.Reputation.Feeds;

/// <summary>The configuration spelling of <see cref="FeedFormat"/> values (kebab-case, e.g. <c>spamhaus-json</c>).</summary>
public static class FeedFormatNames
{
    private static readonly string[] Names =
        ["plain", "spamhaus-drop", "spamhaus-json", "firehol", "dshield", "ipsum", "feodo", "tor-exit", "csv"];

    /// <summary>Every name, in <see cref="FeedFormat"/> order; for "expected one of" messages.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>Reads a format name, ignoring case and surrounding blanks; false for unknown names and null.</summary>
    public static bool TryParse(string text, out FeedFormat format)
    {
        format = FeedFormat.Plain;
        if (text is null)
            return false;
        var trimmed = text.AsSpan().Trim();
        for (var i = 0; i < Names.Length; i++)
        {
            if (trimmed.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                format = (FeedFormat)i;
                return true;
            }
        }
        return false;
    }

    /// <summary>The configuration name of <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string ToName(FeedFormat format) =>
        (uint)format < (uint)Names.Length ? Names[(int)format] : throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown feed format.");
}
