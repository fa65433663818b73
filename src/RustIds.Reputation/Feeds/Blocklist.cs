using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>A loaded blocklist: its name, its networks, and what was wrong with its file.</summary>
/// <remarks>Immutable and thread-safe; a reload builds a new instance.</remarks>
public sealed class Blocklist
{
    /// <summary>Creates a blocklist.</summary>
    public Blocklist(string name, CidrSet set, IReadOnlyList<FeedDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Name = name;
        Set = set;
        Diagnostics = diagnostics;
    }

    /// <summary>Name shown in verdict reasons, for example <c>spamhaus-drop</c>.</summary>
    public string Name { get; }

    /// <summary>The accepted networks.</summary>
    public CidrSet Set { get; }

    /// <summary>Number of accepted entries (before merging).</summary>
    public int Entries => Set.Entries;

    /// <summary>Refused or unreadable lines.</summary>
    public IReadOnlyList<FeedDiagnostic> Diagnostics { get; }

    /// <summary>True when the list covers <paramref name="address"/>.</summary>
    public bool Contains(IpAddr address) => Set.Contains(address);

    public FeedParseStats Stats => new(Entries + Diagnostics.Count, Entries, Diagnostics.Count, 0);

    public int DiagnosticCount => Diagnostics.Count;

    public int Hits(IpAddr address) => Set.Contains(address) ? 1 : 0;

    public long MemoryBytes => Set.RangeCount * 8L;
}
