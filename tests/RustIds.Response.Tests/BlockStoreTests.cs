using RustIds.Reputation.Addresses;
using Microsoft.Data.Sqlite;
using RustIds.Packets;

namespace RustIds.Response.Tests;

public sealed class BlockStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Add_ThenFind_RoundTripsEveryField()
    {
        using var store = Open();
        var id = store.Add(Record("2001:db8::5", score: 77, expiresIn: TimeSpan.FromMinutes(5)) with { Manual = true });

        var found = store.Find(Cidr.Parse("2001:db8::5"));

        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
        Assert.Equal(77, found.Score);
        Assert.Equal("""[{"Kind":"rule","Detail":"sid 1","Points":50}]""", found.ReasonsJson);
        Assert.Equal("sid:1", found.Rules);
        Assert.Equal(T0, found.CreatedAt);
        Assert.Equal(T0.AddMinutes(5), found.ExpiresAt);
        Assert.True(found.Manual);
        Assert.Null(found.RemovedAt);
    }

    [Fact]
    public void GetActiveAndGetExpired_ClockPassesExpiry_RowMoves()
    {
        using var store = Open();
        var clock = new FakeTimeProvider(T0);
        store.Add(Record("192.0.2.1", 10, TimeSpan.FromSeconds(30)));
        store.Add(Record("192.0.2.2", 20, TimeSpan.FromSeconds(90)));

        Assert.Equal(2, store.GetActive(clock.GetUtcNow()).Count);
        Assert.Empty(store.GetExpired(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(IpAddr.Parse("192.0.2.2"), Assert.Single(store.GetActive(clock.GetUtcNow())).Target.Network);
        Assert.Equal(IpAddr.Parse("192.0.2.1"), Assert.Single(store.GetExpired(clock.GetUtcNow())).Target.Network);
        Assert.Equal(1, store.CountActive(clock.GetUtcNow()));
    }

    [Fact]
    public void MarkRemoved_OpenRow_ClosedOnceAndNotFound()
    {
        using var store = Open();
        var id = store.Add(Record("192.0.2.1", 10, TimeSpan.FromSeconds(30)));

        Assert.True(store.MarkRemoved(id, "operator", T0.AddSeconds(5)));
        Assert.False(store.MarkRemoved(id, "again", T0.AddSeconds(6)));

        Assert.Null(store.Find(Cidr.Parse("192.0.2.1")));
        Assert.Empty(store.GetExpired(T0.AddHours(1)));
        var row = store.Get(id);
        Assert.Equal("operator", row!.RemovedReason);
        Assert.Equal(T0.AddSeconds(5), row.RemovedAt);
    }

    [Fact]
    public void WriteBatch_WriterThrows_NothingLands()
    {
        using var store = Open();
        store.Add(Record("192.0.2.1", 60, TimeSpan.FromMinutes(1)));

        Assert.Throws<InvalidOperationException>(() => store.WriteBatch(batch =>
        {
            batch.Add(Record("192.0.2.2", 40, TimeSpan.FromMinutes(1)));
            batch.MarkRemoved(1, "gone", T0);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("192.0.2.1", Assert.Single(store.GetActive(T0)).TargetText);
    }

    [Fact]
    public void Add_PrefixRateLimitWithEscalation_RoundTrips()
    {
        using var store = Open();
        var id = store.Add(Record("2001:db8:1:2::/64", 70, TimeSpan.FromMinutes(5)) with { Action = FirewallAction.RateLimit, EscalationLevel = 3 });

        var row = store.Get(id)!;

        Assert.Equal(Cidr.Parse("2001:db8:1:2::/64"), row.Target);
        Assert.Equal(FirewallAction.RateLimit, row.Action);
        Assert.Equal(3, row.EscalationLevel);
        Assert.Equal("2001:db8:1:2::/64", row.TargetText);
        Assert.Equal(id, store.Find(Cidr.Parse("2001:db8:1:2::/64"))!.Id);
        Assert.Null(store.Find(Cidr.Parse("2001:db8:1:2::/80")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_SharedFileWithThreatDb_BothOpenInEitherOrder(bool threatDbFirst)
    {
        var path = Path.Combine(_directory, "shared.db");
        if (threatDbFirst)
            RustIds.Reputation.Storage.ThreatDb.Open(path).Dispose();
        using (var store = new BlockStore(path))
            store.Add(Record("192.0.2.1", 10, TimeSpan.FromMinutes(1)));

        using var threatDb = RustIds.Reputation.Storage.ThreatDb.Open(path);
        using var reopened = new BlockStore(path);

        Assert.Single(reopened.GetActive(T0));
    }

    [Fact]
    public void Open_Version1Database_UpgradedInPlaceWithRowsKept()
    {
        var path = Path.Combine(_directory, "v1.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // The schema rustids wrote before prefixes and rate limits existed.
            command.CommandText =
                """
                CREATE TABLE schema_version (version INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1);
                CREATE TABLE blocks (id INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT NOT NULL, family INTEGER NOT NULL,
                    score INTEGER NOT NULL, reasons TEXT NOT NULL, rules TEXT NOT NULL, created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL, removed_at INTEGER NULL, removed_reason TEXT NULL, manual INTEGER NOT NULL DEFAULT 0);
                INSERT INTO blocks (address, family, score, reasons, rules, created_at, expires_at) VALUES ('2001:db8::7', 6, 80, '[]', 'sid:9', 0, 4102444800000);
                """;
            command.ExecuteNonQuery();
        }

        using var store = new BlockStore(path);

        var row = Assert.Single(store.GetActive(T0));
        Assert.Equal(Cidr.Parse("2001:db8::7/128"), row.Target);
        Assert.Equal(FirewallAction.Block, row.Action);
        Assert.Equal(0, row.EscalationLevel);
        store.Add(Record("192.0.2.1", 10, TimeSpan.FromMinutes(1)) with { EscalationLevel = 2 });
        Assert.Equal(2, store.GetActive(T0).Count);
    }

    [Fact]
    public void Find_AddressWithSqlMetacharactersInRules_StoredVerbatim()
    {
        using var store = Open();
        store.Add(Record("192.0.2.1", 10, TimeSpan.FromMinutes(1)) with { Rules = "x'); DROP TABLE blocks; --" });

        Assert.Equal("x'); DROP TABLE blocks; --", store.Find(Cidr.Parse("192.0.2.1"))!.Rules);
    }

    [Fact]
    public void WriteBatch_PastSqliteDefaultCheckpointSize_LeftInWalUntilCheckpoint()
    {
        var path = Path.Combine(_directory, "blocks.db");
        using var store = Open();
        var schemaOnly = new FileInfo(path).Length;

        // Each one-row commit appends several WAL frames: 600 of them pass SQLite's default 1000-frame autocheckpoint.
        for (var i = 0; i < 600; i++)
            store.WriteBatch(s => s.Add(Record($"198.51.{i / 256}.{i % 256}", 50, TimeSpan.FromMinutes(5))));
        var beforeCheckpoint = new FileInfo(path).Length;
        store.Checkpoint();
        var afterCheckpoint = new FileInfo(path).Length;

        Assert.Equal(schemaOnly, beforeCheckpoint);
        Assert.True(afterCheckpoint > beforeCheckpoint, $"the checkpoint wrote the rows into the database file ({beforeCheckpoint} -> {afterCheckpoint} bytes)");
        Assert.Equal(600, store.CountActive(T0));
    }

    [Fact]
    public void Checkpoint_AfterDispose_Throws()
    {
        var store = Open();
        store.Checkpoint();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(store.Checkpoint);
    }

    private BlockStore Open() => new(Path.Combine(_directory, "blocks.db"));

    private static BlockRecord Record(string address, int score, TimeSpan expiresIn) => new()
    {
        Target = Cidr.Parse(address),
        Score = score,
        ReasonsJson = """[{"Kind":"rule","Detail":"sid 1","Points":50}]""",
        Rules = "sid:1",
        CreatedAt = T0,
        ExpiresAt = T0 + expiresIn,
    };
}
