using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>Receives what the line formats read: screens entries into a set, counts and keeps diagnostics.</summary>
/// <remarks>
/// Diagnostic text is only formatted for the first <see cref="FeedParseOptions.MaxDiagnostics"/>;
/// past that a bad line costs a counter increment, so a garbage download stays cheap. Not thread-safe.
/// </remarks>
internal sealed class FeedCollector
{
    private readonly string _file;
    private readonly int _maxDiagnostics;
    private readonly FeedEntryScreen _screen;
    private readonly CidrSetBuilder _set = new();
    private readonly CidrTierSetBuilder? _counts;
    private readonly List<FeedDiagnostic> _diagnostics = [];
    private int _diagnosticCount;
    private int _accepted;
    private int _garbage;
    private int _refused;

    public FeedCollector(string file, FeedParseOptions options, bool counted)
    {
        _file = file;
        _maxDiagnostics = options.MaxDiagnostics;
        _screen = new FeedEntryScreen(options.AllowPrivate, options.Protected);
        _counts = counted ? new CidrTierSetBuilder() : null;
    }

    /// <summary>Lines in the file, set by the line loop.</summary>
    public int Lines { get; set; }

    /// <summary>Screens <paramref name="network"/> and adds it, or reports it refused at the entry's position.</summary>
    public bool Offer(Cidr network, int line, int column, ReadOnlySpan<char> text, int hits = 1)
    {
        var refusal = _screen.Check(network);
        if (refusal.IsRefused)
        {
            Refuse(line, column, text, refusal, network.Network.IsV4);
            return false;
        }
        Add(network, hits);
        return true;
    }

    /// <summary>The refusal rules for one network, without reporting anything.</summary>
    public EntryRefusal Check(Cidr network) => _screen.Check(network);

    /// <summary>Adds an entry already screened with <see cref="Check"/>.</summary>
    public void Add(Cidr network, int hits = 1)
    {
        _set.Add(network);
        _counts?.Add(network, hits);
        _accepted++;
    }

    /// <summary>Reports an entry refused by <see cref="Check"/>.</summary>
    public void Refuse(int line, int column, ReadOnlySpan<char> text, EntryRefusal refusal, bool isV4)
    {
        _refused++;
        _diagnosticCount++;
        if (_diagnostics.Count < _maxDiagnostics)
            _diagnostics.Add(new FeedDiagnostic(_file, line, column, $"'{Shorten(text)}' {FeedEntryScreen.Describe(refusal, isV4)}"));
    }

    /// <summary>A line with text but no usable entry: <c>'text' problem</c>.</summary>
    public void Garbage(int line, int column, ReadOnlySpan<char> text, string problem)
    {
        _garbage++;
        Keep(line, column, "", text, " " + problem);
    }

    /// <summary>A line with no usable entry and a message that does not quote its text.</summary>
    public void Garbage(int line, int column, string message)
    {
        _garbage++;
        _diagnosticCount++;
        if (_diagnostics.Count < _maxDiagnostics)
            _diagnostics.Add(new FeedDiagnostic(_file, line, column, message));
    }

    /// <summary>A warning about a line whose entry was kept: <c>prefix'text'suffix</c>.</summary>
    public void Warn(int line, int column, string prefix, ReadOnlySpan<char> text, string suffix) => Keep(line, column, prefix, text, suffix);

    /// <summary>A warning about the file as a whole (e.g. a record count that does not match).</summary>
    public void Warn(int line, int column, string message)
    {
        _diagnosticCount++;
        if (_diagnostics.Count < _maxDiagnostics)
            _diagnostics.Add(new FeedDiagnostic(_file, line, column, message));
    }

    public Blocklist Build(string name) => new(
        name,
        _set.Build(),
        _diagnostics,
        new FeedParseStats(Lines, _accepted, _garbage, _refused),
        _diagnosticCount,
        _counts?.Build());

    private void Keep(int line, int column, string prefix, ReadOnlySpan<char> text, string suffix)
    {
        _diagnosticCount++;
        if (_diagnostics.Count < _maxDiagnostics)
            _diagnostics.Add(new FeedDiagnostic(_file, line, column, $"{prefix}'{Shorten(text)}'{suffix}"));
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
}
