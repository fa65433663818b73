using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>A loaded blocklist: its name, its networks, per-address hit counts where the feed has them, and what was wrong with its file.</summary>
/// <remarks>Immutable and thread-safe; a reload builds a new instance. Lookups allocate nothing.</remarks>
public sealed class Blocklist
{
    private readonly CidrTierSet? _hits;

    /// <summary>Creates a blocklist.</summary>
    public Blocklist(string name, CidrSet set, IReadOnlyList<FeedDiagnostic> diagnostics)
        : this(name, set, diagnostics, new FeedParseStats(0, set?.Entries ?? 0, 0, 0), diagnostics?.Count ?? 0, null)
    {
    }

    internal Blocklist(string name, CidrSet set, IReadOnlyList<FeedDiagnostic> diagnostics, FeedParseStats stats, int diagnosticCount, CidrTierSet? hits)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Name = name;
        Set = set;
        Diagnostics = diagnostics;
        Stats = stats;
        DiagnosticCount = diagnosticCount;
        _hits = hits;
    }

    /// <summary>Name shown in verdict reasons, for example <c>spamhaus-drop</c>.</summary>
    public string Name { get; }

    /// <summary>The accepted networks.</summary>
    public CidrSet Set { get; }

    /// <summary>Number of accepted entries (before merging).</summary>
    public int Entries => Set.Entries;

    /// <summary>Refused or unreadable lines and warnings, the first <see cref="FeedParseOptions.MaxDiagnostics"/> of them.</summary>
    public IReadOnlyList<FeedDiagnostic> Diagnostics { get; }

    /// <summary>Every diagnostic found, including those not kept in <see cref="Diagnostics"/>.</summary>
    public int DiagnosticCount { get; }

    /// <summary>Lines read, entries accepted, garbage lines and refused entries.</summary>
    public FeedParseStats Stats { get; }

    /// <summary>Bytes held by the list's sets (the network set and, for IPsum, its per-count sets).</summary>
    public long MemoryBytes => Set.MemoryBytes + (_hits?.MemoryBytes ?? 0);

    /// <summary>True when the list covers <paramref name="address"/>.</summary>
    public bool Contains(IpAddr address) => Set.Contains(address);

    /// <summary>How strongly the list lists <paramref name="address"/>: 0 when not listed, 1 for lists without counts, IPsum's count (1–255) otherwise.</summary>
    /// <remarks>A miss costs one set lookup; only a hit walks IPsum's per-count sets.</remarks>
    public int Hits(IpAddr address)
    {
        if (!Set.Contains(address))
            return 0;
        return _hits is null ? 1 : Math.Max(1, _hits.Lookup(address));
    }
}
