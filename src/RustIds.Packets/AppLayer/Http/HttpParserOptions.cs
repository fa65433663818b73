namespace RustIds.Packets.AppLayer.Http;

/// <summary>Limits of one <see cref="HttpParser"/>: line, header and body sizes and the pipelining depth.</summary>
/// <remarks>
/// Every limit is enforced without exceptions: input past a limit is counted in <see cref="HttpCounters"/>,
/// flagged on the transaction and (for bodies) skipped rather than stored. Worst-case memory of one parser is
/// about <c>(MaxPendingTransactions + 2) × (2 × (3 × MaxStartLineBytes + 4 × MaxHeaderBlockBytes) + RequestBodyLimitBytes + ResponseBodyLimitBytes)</c> (about 7.5 MiB with the defaults);
/// buffers grow only as far as traffic needs, so a typical flow costs a few KiB.
/// </remarks>
public sealed record HttpParserOptions
{
    /// <summary>Options with every default.</summary>
    public static HttpParserOptions Default { get; } = new();

    /// <summary>Longest request or response line kept, in bytes; 8192 by default.</summary>
    /// <remarks>A longer line is truncated to this length (the prefix stays inspectable), the rest of the line is skipped
    /// and the message is flagged and counted (<see cref="HttpError.RequestLineTooLong"/>). Also caps a chunk-size line.</remarks>
    public int MaxStartLineBytes { get; init; } = 8192;

    /// <summary>Largest header block (all header and trailer lines of one message, with line ends) kept, in bytes; 65536 by default.</summary>
    /// <remarks>Lines past the limit are skipped up to the blank line that ends the block; counted as <see cref="HttpError.HeadersTooLarge"/>.</remarks>
    public int MaxHeaderBlockBytes { get; init; } = 64 * 1024;

    /// <summary>Most header lines indexed per message (trailers included); 128 by default.</summary>
    /// <remarks>Further lines stay in the raw header buffer but are not indexed; counted as <see cref="HttpError.TooManyHeaders"/>.</remarks>
    public int MaxHeaders { get; init; } = 128;

    /// <summary>Request body bytes stored per transaction (after de-chunking); 100 KiB by default, like Suricata's <c>request-body-limit</c>.</summary>
    /// <remarks>Bytes past the limit are counted in <see cref="HttpCounters.BodyBytesSkipped"/>, not stored.</remarks>
    public int RequestBodyLimitBytes { get; init; } = 100 * 1024;

    /// <summary>Response body bytes stored per transaction (after de-chunking); 100 KiB by default, like Suricata's <c>response-body-limit</c>.</summary>
    public int ResponseBodyLimitBytes { get; init; } = 100 * 1024;

    /// <summary>Transactions kept per connection while waiting for their responses (pipelining depth); 8 by default.</summary>
    /// <remarks>Requests past this depth are still parsed and reported, through a scratch transaction, but their
    /// response is reported without the request (counted in <see cref="HttpCounters.PipelineOverflows"/>).</remarks>
    public int MaxPendingTransactions { get; init; } = 8;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, MaxStartLineBytes, 64, 1 << 20, nameof(MaxStartLineBytes));
        Check(problems, MaxHeaderBlockBytes, 256, 16 << 20, nameof(MaxHeaderBlockBytes));
        Check(problems, MaxHeaders, 1, 65536, nameof(MaxHeaders));
        Check(problems, RequestBodyLimitBytes, 0, 256 << 20, nameof(RequestBodyLimitBytes));
        Check(problems, ResponseBodyLimitBytes, 0, 256 << 20, nameof(ResponseBodyLimitBytes));
        Check(problems, MaxPendingTransactions, 1, 1024, nameof(MaxPendingTransactions));
        return problems;
    }

    private static void Check(List<string> problems, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} must be between {min} and {max}, was {value}.");
        }
    }
}
