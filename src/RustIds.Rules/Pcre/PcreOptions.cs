namespace RustIds.Rules.Pcre;

/// <summary>Limits and build choices for translating <c>pcre</c> options into .NET regular expressions.</summary>
public sealed record PcreOptions
{
    /// <summary>Shared instance with every default.</summary>
    public static PcreOptions Default { get; } = new();

    /// <summary>Longest time one match may run before it is abandoned and counted as a timeout; default 100 ms.</summary>
    /// <remarks>Bounds catastrophic backtracking on hostile payloads; an abandoned match counts as "no match".</remarks>
    public TimeSpan MatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Interpreted (default) or compiled regular expressions.</summary>
    /// <remarks>ET Open carries about 4,500 pcre options; compiling all of them costs seconds of start-up (see tests).</remarks>
    public PcreCompileMode CompileMode { get; init; } = PcreCompileMode.Interpreted;

    /// <summary>Longest pattern (characters between the slashes) accepted; default 16,384.</summary>
    public int MaxPatternLength { get; init; } = 16_384;
}
