namespace RustIds.Reputation.Feeds;

/// <summary>Reads a feed file of any <see cref="FeedFormat"/> into a <see cref="Blocklist"/>.</summary>
/// <remarks>
/// Bad input never throws: garbage lines and refused entries become <see cref="FeedDiagnostic"/>s
/// (file, line, column) and are counted in <see cref="Blocklist.Stats"/>; the valid entries load.
/// Refusal rules, for every format: prefixes shorter than /8 (IPv4) or /16 (IPv6), so 0.0.0.0/0 and
/// ::/0 too; private and reserved networks (<see cref="Addresses.ReservedNetworks"/>) unless
/// <see cref="FeedParseOptions.AllowPrivate"/>; anything overlapping <see cref="FeedParseOptions.Protected"/>.
/// One allocation-free pass over the text (≈ 0.2 s for a million lines, see <c>docs/feeds-formats.md</c>).
/// Thread-safe: no shared state.
/// </remarks>
public static class FeedParser
{
    /// <summary>Parses feed text; <paramref name="file"/> is only used in diagnostics.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> fails <see cref="FeedParseOptions.Validate"/> (a configuration bug, not bad input).</exception>
    public static Blocklist Parse(string name, string file, string text, FeedParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid feed options: " + string.Join("; ", problems), nameof(options));
        var collector = new FeedCollector(file, options, counted: options.Format == FeedFormat.Ipsum);
        switch (options.Format)
        {
            case FeedFormat.SpamhausJson:
                Run(text, new SpamhausJsonLineFormat(), collector);
                break;
            case FeedFormat.DShield:
                Run(text, new DShieldLineFormat(), collector);
                break;
            case FeedFormat.Ipsum:
                Run(text, new IpsumLineFormat(), collector);
                break;
            case FeedFormat.Csv:
                Run(text, new CsvLineFormat(options.CsvColumn, options.CsvDelimiter, options.CsvHasHeader), collector);
                break;
            default:
                // Plain, SpamhausDrop, FireHol, Feodo, TorExit: one entry per line, comments after it.
                Run(text, new PlainLineFormat(), collector);
                break;
        }
        return collector.Build(name);
    }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read (missing, a directory, no permission).</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid.</exception>
    public static Blocklist ParseFile(string path, string name, FeedParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException ex)
        {
            // Reported like every other unreadable file, so callers handle one exception type.
            throw new IOException($"{path}: {ex.Message}", ex);
        }
        return Parse(name, path, text, options);
    }

    private static void Run<TFormat>(string text, TFormat format, FeedCollector collector)
        where TFormat : struct, IFeedLineFormat => FeedLines.Run(text, ref format, collector);
}
