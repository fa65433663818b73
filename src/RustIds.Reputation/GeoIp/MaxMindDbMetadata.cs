namespace RustIds.Reputation.GeoIp;

/// <summary>The metadata map at the end of a MaxMind DB file (spec "Database Metadata").</summary>
public sealed record MaxMindDbMetadata
{
    /// <summary>Number of nodes in the search tree.</summary>
    public required uint NodeCount { get; init; }

    /// <summary>Bits per record: 24, 28 or 32.</summary>
    public required int RecordSize { get; init; }

    /// <summary>4 or 6: the address family of the search tree.</summary>
    public required int IpVersion { get; init; }

    /// <summary>Free-form database type, for example <c>GeoIP2-Country</c>.</summary>
    public required string DatabaseType { get; init; }

    /// <summary>When the database was built (from <c>build_epoch</c>, seconds since the Unix epoch).</summary>
    public required DateTimeOffset BuildTime { get; init; }

    /// <summary>Locale codes the database may hold names for.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>Descriptions by language code.</summary>
    public required IReadOnlyDictionary<string, string> Description { get; init; }

    public required int BinaryFormatMajorVersion { get; init; }

    public required int BinaryFormatMinorVersion { get; init; }

    /// <summary>Size of the search tree in bytes: <c>record_size * 2 / 8 * node_count</c>.</summary>
    public long SearchTreeSize => (long)NodeCount * RecordSize / 4;
}
