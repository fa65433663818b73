namespace RustIds.Reputation.Feeds;

/// <summary>What a feed parse did with its file.</summary>
/// <param name="Lines">Lines in the file (a final newline does not start another line; <c>wc -l</c>, plus one without it).</param>
/// <param name="Accepted">Networks added to the list (a DShield Start–End row may add several).</param>
/// <param name="Garbage">Lines that held text but no readable entry.</param>
/// <param name="Refused">Readable entries refused as hostile: too broad, reserved, or protected.</param>
/// <remarks>Warnings on kept entries (trailing text, a bad IPsum count, a metadata mismatch) are diagnostics but neither garbage nor refused.</remarks>
public sealed record FeedParseStats(int Lines, int Accepted, int Garbage, int Refused)
{
    /// <summary>Nothing parsed.</summary>
    public static FeedParseStats Empty { get; } = new(0, 0, 0, 0);
}
