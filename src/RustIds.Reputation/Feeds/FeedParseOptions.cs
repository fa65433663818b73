using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>How to read one feed: its format and what to refuse.</summary>
/// <remarks>Immutable; check with <see cref="Validate"/> at start-up, <see cref="FeedParser"/> refuses invalid options.</remarks>
public sealed record FeedParseOptions
{
    /// <summary>Layout of the file. Default <see cref="FeedFormat.Plain"/>.</summary>
    public FeedFormat Format { get; init; } = FeedFormat.Plain;

    /// <summary>For <see cref="FeedFormat.Csv"/>: 1-based column holding the address or CIDR. Default 1.</summary>
    public int CsvColumn { get; init; } = 1;

    /// <summary>For <see cref="FeedFormat.Csv"/>: field separator. Default <c>,</c>; when it is <c>;</c> or <c>#</c> that character no longer starts a comment.</summary>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>For <see cref="FeedFormat.Csv"/>: the first row that is not blank or a comment is a header and skipped. Default false.</summary>
    public bool CsvHasHeader { get; init; }

    /// <summary>Accept private and reserved networks (RFC 1918, loopback, multicast, …; see <see cref="ReservedNetworks"/>). Default false.</summary>
    /// <remarks>Only for lists of one's own lab networks: a public feed that lists 10.0.0.0/8 would cut the gateway off from its LAN.</remarks>
    public bool AllowPrivate { get; init; }

    /// <summary>Allowlisted and own addresses (host, gateway, resolvers); an entry that overlaps them is refused as "allowlisted". Default none.</summary>
    /// <remarks>Feeds make mistakes: Feodo's list once carried 8.8.8.8. Refusing at load keeps such an entry out of the firewall set entirely.</remarks>
    public CidrSet? Protected { get; init; }

    /// <summary>Diagnostics kept per file; all are still counted (<see cref="Blocklist.DiagnosticCount"/>). Default 100.</summary>
    /// <remarks>A garbage download of a million lines must not become a million messages in memory and in the log.</remarks>
    public int MaxDiagnostics { get; init; } = 100;

    /// <summary>Problems with these options, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Format))
            problems.Add($"Format {(int)Format} is not one of {string.Join(", ", FeedFormatNames.All)}");
        if (CsvColumn < 1)
            problems.Add($"CsvColumn must be 1 or more (columns count from 1), not {CsvColumn}");
        if (CsvDelimiter is '"' or '\r' or '\n' or '\0')
            problems.Add($"CsvDelimiter cannot be {DescribeChar(CsvDelimiter)}");
        if (MaxDiagnostics < 0)
            problems.Add($"MaxDiagnostics must be 0 or more, not {MaxDiagnostics}");
        return problems;
    }

    private static string DescribeChar(char c) => c switch
    {
        '"' => "the quote character",
        '\r' => "a carriage return",
        '\n' => "a line feed",
        _ => "NUL",
    };
}
