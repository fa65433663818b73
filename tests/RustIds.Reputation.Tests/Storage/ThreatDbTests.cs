using Microsoft.Data.Sqlite;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation.Storage;

namespace RustIds.Reputation.Tests.Storage;

public sealed class ThreatDbTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Alert MakeAlert(string source, long sid, DateTimeOffset at, string signature = "test") => new()
    {
        Timestamp = at,
        Source = IpAddr.Parse(source),
        Destination = IpAddr.Parse("192.168.1.10"),
        SourcePort = 40000,
        DestinationPort = 22,
        Protocol = IpProtocol.Tcp,
        Sid = sid,
        Signature = signature,
        Severity = 2,
    };

    private static Verdict MakeVerdict(string address, VerdictAction action) => new()
    {
        Address = IpAddr.Parse(address),
        Action = action,
        Score = action == VerdictAction.Block ? 80 : 30,
        BlockThreshold = 60,
        Duration = action == VerdictAction.Block ? TimeSpan.FromHours(2) : TimeSpan.Zero,
        Country = "JP",
        Reasons = [new VerdictReason("rule", "1:1000:1 \"SSH brute force\" priority 2", 40), new VerdictReason("blocklist", "listed in \"x\"'; DROP TABLE verdicts;--", 40)],
    };

    [Fact]
    public void GetHistory_UnknownAddress_IsEmpty()
    {
        using var db = ThreatDb.Open(_dir.File("threat.db"));
        var history = db.GetHistory(IpAddr.Parse("203.0.113.9"));
        Assert.Equal(0, history.AlertCount);
        Assert.Equal(0, history.PriorBlockCount);
        Assert.Null(history.FirstSeen);
        Assert.Null(history.LastSeen);
        Assert.Empty(db.RecentVerdicts(IpAddr.Parse("203.0.113.9")));
    }

    [Fact]
    public void RecordAlertAndVerdict_GetHistory_CountsAndTimes()
    {
        using var db = ThreatDb.Open(_dir.File("threat.db"));
        db.RecordAlert(MakeAlert("203.0.113.9", 1000, T0));
        db.RecordAlert(MakeAlert("203.0.113.9", 1001, T0.AddMinutes(5), "it's \"quoted\"; DROP TABLE alerts;--"));
        db.RecordAlert(MakeAlert("2001:db8::9", 1000, T0));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Block), T0.AddMinutes(6));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Alert), T0.AddMinutes(7));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Block), T0.AddMinutes(8));

        var history = db.GetHistory(IpAddr.Parse("203.0.113.9"));
        Assert.Equal(2, history.AlertCount);
        Assert.Equal(2, history.PriorBlockCount);
        Assert.Equal(T0, history.FirstSeen);
        Assert.Equal(T0.AddMinutes(8), history.LastSeen);
        Assert.Equal(1, db.GetHistory(IpAddr.Parse("2001:db8::9")).AlertCount);
    }

    [Fact]
    public void RecentVerdicts_RoundTripsReasons_NewestFirst()
    {
        var path = _dir.File("threat.db");
        var verdict = MakeVerdict("198.51.100.1", VerdictAction.Block);
        using (var db = ThreatDb.Open(path))
        {
            db.RecordVerdict(MakeVerdict("198.51.100.1", VerdictAction.Alert), T0);
            db.RecordVerdict(verdict, T0.AddHours(1));
        }
        using var reopened = ThreatDb.Open(path);
        var recent = reopened.RecentVerdicts(IpAddr.Parse("198.51.100.1"));
        Assert.Equal(2, recent.Count);
        Assert.Equal(T0.AddHours(1), recent[0].At);
        var stored = recent[0].Verdict;
        Assert.Equal(VerdictAction.Block, stored.Action);
        Assert.Equal(80, stored.Score);
        Assert.Equal(60, stored.BlockThreshold);
        Assert.Equal(TimeSpan.FromHours(2), stored.Duration);
        Assert.Equal("JP", stored.Country);
        Assert.Equal(verdict.Reasons, stored.Reasons);
        Assert.Equal(verdict.Explain(), stored.Explain());
        Assert.Single(reopened.RecentVerdicts(IpAddr.Parse("198.51.100.1"), limit: 1));
    }

    [Fact]
    public void Open_CreatesWalDatabaseWithSchemaVersion()
    {
        var path = _dir.File("threat.db");
        using (ThreatDb.Open(path))
        {
        }
        using (ThreatDb.Open(path))
        {
        }
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var reader = command.ExecuteReader();
        reader.Read();
        // One row per applied version; reopening applies nothing twice.
        Assert.Equal(ThreatDb.SchemaVersion, reader.GetInt32(0));
        Assert.Equal(ThreatDb.SchemaVersion, reader.GetInt32(1));
    }

    [Fact]
    public void Open_VersionOneFile_MigratesToTimeIndexes()
    {
        var path = _dir.File("v1.db");
        using (ThreatDb.Open(path))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP INDEX alerts_ts; DROP INDEX verdicts_ts; DELETE FROM schema_version WHERE version = 2;";
            downgrade.ExecuteNonQuery();
        }
        using (var db = ThreatDb.Open(path))
            db.RecordAlert(MakeAlert("203.0.113.9", 1000, T0));
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('alerts_ts', 'verdicts_ts')";
        Assert.Equal(2L, command.ExecuteScalar());
    }

    [Fact]
    public void GetHistory_BlockTimes_CountBlocksAndRateLimits_NewestFirst()
    {
        using var db = ThreatDb.Open(_dir.File("threat.db"));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Block), T0);
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Alert), T0.AddHours(1));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.RateLimit), T0.AddHours(2));
        db.RecordVerdict(MakeVerdict("198.51.100.1", VerdictAction.Block), T0.AddHours(3));

        var history = db.GetHistory(IpAddr.Parse("203.0.113.9"));

        Assert.Equal(2, history.PriorBlockCount);
        Assert.Equal([T0.AddHours(2), T0], history.BlockTimes);
    }

    [Fact]
    public void AlertsBySignature_GroupsByGidSid_MostFrequentFirst()
    {
        using var db = ThreatDb.Open(_dir.File("threat.db"));
        db.RecordAlert(MakeAlert("203.0.113.9", 1000, T0, "SSH brute force"));
        db.RecordAlert(MakeAlert("203.0.113.9", 2000, T0.AddMinutes(1), "port scan"));
        db.RecordAlert(MakeAlert("203.0.113.9", 2000, T0.AddMinutes(2), "port scan"));
        db.RecordAlert(MakeAlert("198.51.100.1", 2000, T0, "port scan"));

        var counts = db.AlertsBySignature(IpAddr.Parse("203.0.113.9"));

        Assert.Equal(2, counts.Count);
        Assert.Equal(new SignatureCount(1, 2000, "port scan", 2, T0.AddMinutes(2)), counts[0]);
        Assert.Equal(new SignatureCount(1, 1000, "SSH brute force", 1, T0), counts[1]);
    }

    [Fact]
    public void Prune_RemovesOnlyOlderRows()
    {
        using var db = ThreatDb.Open(_dir.File("threat.db"));
        db.RecordAlert(MakeAlert("203.0.113.9", 1000, T0));
        db.RecordAlert(MakeAlert("203.0.113.9", 1000, T0.AddDays(10)));
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Block), T0);
        db.RecordVerdict(MakeVerdict("203.0.113.9", VerdictAction.Block), T0.AddDays(10));

        var (alerts, verdicts) = db.Prune(T0.AddDays(5));

        Assert.Equal((1, 1), (alerts, verdicts));
        var history = db.GetHistory(IpAddr.Parse("203.0.113.9"));
        Assert.Equal(1, history.AlertCount);
        Assert.Equal([T0.AddDays(10)], history.BlockTimes);
    }

    [Fact]
    public void Open_NewerSchema_Refuses()
    {
        var path = _dir.File("threat.db");
        using (ThreatDb.Open(path))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (99)";
            command.ExecuteNonQuery();
        }
        var ex = Assert.Throws<InvalidOperationException>(() => ThreatDb.Open(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
