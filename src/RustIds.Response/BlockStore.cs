using System.Globalization;
using Microsoft.Data.Sqlite;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>The durable record of blocks in SQLite (WAL): written before the firewall, read to reconcile it.</summary>
/// <remarks>
/// Times are stored as Unix milliseconds (UTC) so comparisons are integer comparisons. Parameterised
/// SQL only. One connection guarded by a lock: calls are short, local and serialised, which is
/// what SQLite wants from a single writer anyway. Thread-safe.
/// </remarks>
public sealed class BlockStore : IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 1;

    private const string Columns =
        "id, address, score, reasons, rules, created_at, expires_at, removed_at, removed_reason, manual";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and ensures the schema.</summary>
    public BlockStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 5,
        };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        EnsureSchema();
    }

    /// <summary>Inserts a new block and returns its id (<see cref="BlockRecord.Id"/> is ignored).</summary>
    public long Add(BlockRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                """
                INSERT INTO blocks (address, family, score, reasons, rules, created_at, expires_at, removed_at, removed_reason, manual)
                VALUES ($address, $family, $score, $reasons, $rules, $created, $expires, $removedAt, $removedReason, $manual)
                RETURNING id;
                """;
            command.Parameters.AddWithValue("$address", record.Address.ToString());
            command.Parameters.AddWithValue("$family", record.Address.IsV4 ? 4 : 6);
            command.Parameters.AddWithValue("$score", record.Score);
            command.Parameters.AddWithValue("$reasons", record.ReasonsJson);
            command.Parameters.AddWithValue("$rules", record.Rules);
            command.Parameters.AddWithValue("$created", record.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$removedAt", record.RemovedAt is { } removed ? removed.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$removedReason", (object?)record.RemovedReason ?? DBNull.Value);
            command.Parameters.AddWithValue("$manual", record.Manual ? 1 : 0);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Rewrites the expiry, score, reasons and rules of a block (re-block extends it, or a failed extension is rolled back).</summary>
    public bool Update(long id, DateTimeOffset expiresAt, int score, string reasonsJson, string rules)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                "UPDATE blocks SET expires_at = $expires, score = $score, reasons = $reasons, rules = $rules WHERE id = $id;";
            command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$score", score);
            command.Parameters.AddWithValue("$reasons", reasonsJson);
            command.Parameters.AddWithValue("$rules", rules);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Closes an open block; false when it does not exist or was already closed.</summary>
    public bool MarkRemoved(long id, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                "UPDATE blocks SET removed_at = $at, removed_reason = $reason WHERE id = $id AND removed_at IS NULL;";
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$reason", reason);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Re-opens a closed block (undoes <see cref="MarkRemoved"/> when the firewall batch that followed failed).</summary>
    public bool Reopen(long id)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE blocks SET removed_at = NULL, removed_reason = NULL WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>The block with this id, open or closed, or null.</summary>
    public BlockRecord? Get(long id) =>
        QuerySingle($"SELECT {Columns} FROM blocks WHERE id = $id;", ("$id", id));

    /// <summary>The newest open (not removed) block of <paramref name="address"/>, possibly already past its expiry; or null.</summary>
    public BlockRecord? Find(IpAddr address) =>
        QuerySingle(
            $"SELECT {Columns} FROM blocks WHERE address = $address AND removed_at IS NULL ORDER BY id DESC LIMIT 1;",
            ("$address", address.ToString()));

    /// <summary>Open blocks that have not expired at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<BlockRecord> GetActive(DateTimeOffset now) =>
        Query($"SELECT {Columns} FROM blocks WHERE removed_at IS NULL AND expires_at > $now ORDER BY id;",
            ("$now", now.ToUnixTimeMilliseconds()));

    /// <summary>Open blocks whose expiry is at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<BlockRecord> GetExpired(DateTimeOffset now) =>
        Query($"SELECT {Columns} FROM blocks WHERE removed_at IS NULL AND expires_at <= $now ORDER BY id;",
            ("$now", now.ToUnixTimeMilliseconds()));

    /// <summary>Number of active blocks at <paramref name="now"/>.</summary>
    public int CountActive(DateTimeOffset now)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM blocks WHERE removed_at IS NULL AND expires_at > $now;";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The active block with the lowest score (oldest among equals), or null when none is active.</summary>
    public BlockRecord? FindLowestScoreActive(DateTimeOffset now) =>
        QuerySingle(
            $"SELECT {Columns} FROM blocks WHERE removed_at IS NULL AND expires_at > $now ORDER BY score, id LIMIT 1;",
            ("$now", now.ToUnixTimeMilliseconds()));

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();

    private void EnsureSchema()
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                // created_at, expires_at, removed_at: Unix milliseconds UTC. family: 4 or 6.
                command.CommandText =
                    """
                    CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS blocks (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        address TEXT NOT NULL,
                        family INTEGER NOT NULL CHECK (family IN (4, 6)),
                        score INTEGER NOT NULL,
                        reasons TEXT NOT NULL,
                        rules TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        removed_at INTEGER NULL,
                        removed_reason TEXT NULL,
                        manual INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX IF NOT EXISTS ix_blocks_open_address ON blocks (address) WHERE removed_at IS NULL;
                    CREATE INDEX IF NOT EXISTS ix_blocks_open_expires ON blocks (expires_at) WHERE removed_at IS NULL;
                    """;
                command.ExecuteNonQuery();
            }
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT MAX(version) FROM schema_version;";
                var current = command.ExecuteScalar();
                if (current is null or DBNull)
                {
                    command.CommandText = "INSERT INTO schema_version (version) VALUES ($version);";
                    command.Parameters.AddWithValue("$version", SchemaVersion);
                    command.ExecuteNonQuery();
                }
                else if (Convert.ToInt32(current, CultureInfo.InvariantCulture) > SchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The block database has schema version {current}; this build understands up to {SchemaVersion}.");
                }
            }
            transaction.Commit();
        }
    }

    private void Execute(string sql)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private BlockRecord? QuerySingle(string sql, (string Name, object Value) parameter)
    {
        var rows = Query(sql, parameter);
        return rows.Count == 0 ? null : rows[0];
    }

    private List<BlockRecord> Query(string sql, (string Name, object Value) parameter)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
            using var reader = command.ExecuteReader();
            var rows = new List<BlockRecord>();
            while (reader.Read())
                rows.Add(ReadRecord(reader));
            return rows;
        }
    }

    private static BlockRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Address = IpAddr.Parse(reader.GetString(1)),
        Score = reader.GetInt32(2),
        ReasonsJson = reader.GetString(3),
        Rules = reader.GetString(4),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        RemovedAt = reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        RemovedReason = reader.IsDBNull(8) ? null : reader.GetString(8),
        Manual = reader.GetInt64(9) != 0,
    };
}
