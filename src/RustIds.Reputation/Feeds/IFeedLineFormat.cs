namespace RustIds.Reputation.Feeds;

/// <summary>One feed format's reading of a line; implemented by structs so the line loop is specialised per format.</summary>
internal interface IFeedLineFormat
{
    /// <summary>Reads one line (without its line ending) and reports what it found to <paramref name="collector"/>.</summary>
    void ParseLine(ReadOnlySpan<char> line, int lineNumber, FeedCollector collector);

    /// <summary>Called once after the last line, for checks over the whole file.</summary>
    void Finish(int lines, FeedCollector collector);
}
