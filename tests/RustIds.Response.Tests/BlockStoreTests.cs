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

        var found = store.Find(IpAddr.Parse("2001:db8::5"));

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

        Assert.Equal(IpAddr.Parse("192.0.2.2"), Assert.Single(store.GetActive(clock.GetUtcNow())).Address);
        Assert.Equal(IpAddr.Parse("192.0.2.1"), Assert.Single(store.GetExpired(clock.GetUtcNow())).Address);
        Assert.Equal(1, store.CountActive(clock.GetUtcNow()));
    }

    [Fact]
    public void MarkRemoved_OpenRow_ClosedOnceAndNotFound()
    {
        using var store = Open();
        var id = store.Add(Record("192.0.2.1", 10, TimeSpan.FromSeconds(30)));

        Assert.True(store.MarkRemoved(id, "operator", T0.AddSeconds(5)));
        Assert.False(store.MarkRemoved(id, "again", T0.AddSeconds(6)));

        Assert.Null(store.Find(IpAddr.Parse("192.0.2.1")));
        Assert.Empty(store.GetExpired(T0.AddHours(1)));
        var row = store.Get(id);
        Assert.Equal("operator", row!.RemovedReason);
        Assert.Equal(T0.AddSeconds(5), row.RemovedAt);
    }

    [Fact]
    public void FindLowestScoreActive_SeveralRows_ReturnsLowest()
    {
        using var store = Open();
        store.Add(Record("192.0.2.1", 60, TimeSpan.FromMinutes(1)));
        store.Add(Record("192.0.2.2", 40, TimeSpan.FromMinutes(1)));
        store.Add(Record("192.0.2.3", 90, TimeSpan.FromMinutes(1)));

        Assert.Equal(IpAddr.Parse("192.0.2.2"), store.FindLowestScoreActive(T0)!.Address);
    }

    [Fact]
    public void Constructor_ExistingDatabase_KeepsRowsAndUsesWal()
    {
        var path = Path.Combine(_directory, "blocks.db");
        using (var first = new BlockStore(path))
            first.Add(Record("192.0.2.1", 10, TimeSpan.FromMinutes(1)));

        using var second = new BlockStore(path);

        Assert.NotNull(second.Find(IpAddr.Parse("192.0.2.1")));
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT version FROM schema_version;";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void Find_AddressWithSqlMetacharactersInRules_StoredVerbatim()
    {
        using var store = Open();
        store.Add(Record("192.0.2.1", 10, TimeSpan.FromMinutes(1)) with { Rules = "x'); DROP TABLE blocks; --" });

        Assert.Equal("x'); DROP TABLE blocks; --", store.Find(IpAddr.Parse("192.0.2.1"))!.Rules);
    }

    private BlockStore Open() => new(Path.Combine(_directory, "blocks.db"));

    private static BlockRecord Record(string address, int score, TimeSpan expiresIn) => new()
    {
        Address = IpAddr.Parse(address),
        Score = score,
        ReasonsJson = """[{"Kind":"rule","Detail":"sid 1","Points":50}]""",
        Rules = "sid:1",
        CreatedAt = T0,
        ExpiresAt = T0 + expiresIn,
    };
}
