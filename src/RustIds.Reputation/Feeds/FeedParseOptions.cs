using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>How to read one feed.</summary>
public sealed record FeedParseOptions
{
    public FeedFormat Format { get; init; } = FeedFormat.Plain;
    public int CsvColumn { get; init; } = 1;
    public char CsvDelimiter { get; init; } = ',';
    public bool CsvHasHeader { get; init; }
    public bool AllowPrivate { get; init; }
    public CidrSet? Protected { get; init; }
    public int MaxDiagnostics { get; init; } = 100;

    public IReadOnlyList<string> Validate() => CsvColumn < 1 ? ["CsvColumn must be 1 or more."] : [];
}
