namespace RustIds.Reputation.Feeds;

/// <summary>A problem in a feed file, located like a compiler message. Never fatal: the entry is skipped.</summary>
/// <param name="File">Path or name of the feed file.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column of the offending text.</param>
/// <param name="Message">What is wrong, quoting the text.</param>
public sealed record FeedDiagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Message}";
}
