using System.Globalization;
using Microsoft.Data.Sqlite;
using RustIds.Packets;
using RustIds.Reputation.Addresses;
using static RustIds.Response.SqliteCommandCache;

namespace RustIds.Response;

/// <summary>The durable record of blocks in SQLite (WAL): written before the firewall, read to reconcile it.</summary>
/// <remarks>
/// Times are stored as Unix milliseconds (UTC) so comparisons are integer comparisons. Parameterised
/// SQL only. One connection guarded by a lock: calls are short, local and serialised, which is
/// what SQLite wants from a single writer anyway. Thread-safe.
/// <para>
/// Durability: WAL with <c>synchronous=NORMAL</c>, so a commit is an append to the WAL that survives a
/// crash of the process (what "stored first" needs); only a power loss can take the last commits.
/// Commits do not checkpoint (see <see cref="Checkpoint"/>): a checkpoint copies the WAL into the
/// database file and fsyncs both, 15-17 ms here, and every 240th block paid for it.
/// </para>
/// </remarks>
public sealed class BlockStore : IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    /// <remarks>
    /// Kept in the table <c>blocks_schema</c>. 2 added prefix_length, action and escalation; a
    /// version-1 table (which has no such columns) is upgraded in place.
    /// </remarks>
    public const int SchemaVersion = 2;

    /// <summary>WAL size (pages of 4 KiB) at which a commit checkpoints after all: the safety net when nobody calls <see cref="Checkpoint"/>.</summary>
    /// <remarks>SQLite's default is 1000 pages; 10,000 (40 MB) is more than a busy sweep interval writes.</remarks>
    public const int CommitCheckpointPages = 10_000;

    private const string Columns =
        "id, address, prefix_length, action, score, reasons, rules, created_at, expires_at, removed_at, removed_reason, manual, escalation";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly SqliteCommandCache _commands;
    private readonly string _connectionString;
    private readonly Lock _checkpointLock = new();
    private SqliteConnection? _checkpointConnection;
    private bool _disposed;
    private SqliteTransaction? _transaction;

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
        _connectionString = builder.ToString();
        _connection = new SqliteConnection(_connectionString);
        _commands = new SqliteCommandCache(_connection);
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint="
            + CommitCheckpointPages.ToString(CultureInfo.InvariantCulture) + ";");
        EnsureSchema();
    }

    /// <summary>Runs <paramref name="writes"/> in one transaction: every write lands, or none does.</summary>
    /// <remarks>One transaction per firewall batch: 100,000 rows commit at once instead of one fsync-free commit each.</remarks>
    public void WriteBatch(Action<BlockStore> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_lock)
        {
            if (_transaction is not null)
                throw new InvalidOperationException("WriteBatch does not nest.");
            _transaction = _connection.BeginTransaction();
            try
            {
                writes(this);
                _transaction.Commit();
            }
            catch
            {
                _transaction.Rollback();
                throw;
            }
            finally
            {
                _transaction.Dispose();
                _transaction = null;
            }
        }
    }

    /// <summary>Inserts a new block and returns its id (<see cref="BlockRecord.Id"/> is ignored).</summary>
    public long Add(BlockRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            var command = Command(
                """
                INSERT INTO blocks (address, family, prefix_length, action, score, reasons, rules, created_at, expires_at, removed_at, removed_reason, manual, escalation)
                VALUES ($address, $family, $prefix, $action, $score, $reasons, $rules, $created, $expires, $removedAt, $removedReason, $manual, $escalation);
                """);
            Bind(command, "$address", record.Target.Network.ToString());
            Bind(command, "$family", record.Target.Network.IsV4 ? 4 : 6);
            Bind(command, "$prefix", record.Target.PrefixLength);
            Bind(command, "$action", (int)record.Action);
            Bind(command, "$score", record.Score);
            Bind(command, "$reasons", record.ReasonsJson);
            Bind(command, "$rules", record.Rules);
            Bind(command, "$created", record.CreatedAt.ToUnixTimeMilliseconds());
            Bind(command, "$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
            Bind(command, "$removedAt", record.RemovedAt is { } removed ? removed.ToUnixTimeMilliseconds() : DBNull.Value);
            Bind(command, "$removedReason", (object?)record.RemovedReason ?? DBNull.Value);
            Bind(command, "$manual", record.Manual ? 1 : 0);
            Bind(command, "$escalation", record.EscalationLevel);
            command.ExecuteNonQuery();
            // The connection's last rowid: cheaper than RETURNING, which makes every insert a query with a reader.
            return SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        }
    }

    /// <summary>Rewrites the expiry, score, reasons, rules and escalation of a block (a re-block extends it, or a failed extension is rolled back).</summary>
    public bool Update(BlockRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            var command = Command(
                "UPDATE blocks SET expires_at = $expires, score = $score, reasons = $reasons, rules = $rules, escalation = $escalation WHERE id = $id;");
            Bind(command, "$expires", record.ExpiresAt.ToUnixTimeMilliseconds());
            Bind(command, "$score", record.Score);
            Bind(command, "$reasons", record.ReasonsJson);
            Bind(command, "$rules", record.Rules);
            Bind(command, "$escalation", record.EscalationLevel);
            Bind(command, "$id", record.Id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Closes an open block; false when it does not exist or was already closed.</summary>
    public bool MarkRemoved(long id, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            var command = Command("UPDATE blocks SET removed_at = $at, removed_reason = $reason WHERE id = $id AND removed_at IS NULL;");
            Bind(command, "$at", at.ToUnixTimeMilliseconds());
            Bind(command, "$reason", reason);
            Bind(command, "$id", id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Re-opens a closed block (undoes <see cref="MarkRemoved"/> when the firewall batch that followed failed).</summary>
    public bool Reopen(long id)
    {
        lock (_lock)
        {
            var command = Command("UPDATE blocks SET removed_at = NULL, removed_reason = NULL WHERE id = $id;");
            Bind(command, "$id", id);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>The block with this id, open or closed, or null.</summary>
    public BlockRecord? Get(long id) =>
        QuerySingle($"SELECT {Columns} FROM blocks WHERE id = $id;", ("$id", id));

    /// <summary>The newest open (not removed) block of exactly <paramref name="target"/>, possibly already past its expiry; or null.</summary>
    public BlockRecord? Find(Cidr target) =>
        Query($"SELECT {Columns} FROM blocks WHERE address = $address AND removed_at IS NULL ORDER BY id DESC;",
            ("$address", target.Network.ToString()))
            .FirstOrDefault(record => record.Target == target);

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
            var command = Command("SELECT COUNT(*) FROM blocks WHERE removed_at IS NULL AND expires_at > $now;");
            Bind(command, "$now", now.ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Copies committed writes from the WAL into the database file (a passive checkpoint: it skips what readers or a
    /// writer still hold and never waits), on a second connection so the block path neither waits for it nor pays for it.
    /// </summary>
    /// <remarks>Called by the expiry sweep, once a second by default. Thread-safe.</remarks>
    public void Checkpoint()
    {
        lock (_checkpointLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_checkpointConnection is null)
            {
                var connection = new SqliteConnection(_connectionString);
                connection.Open();
                _checkpointConnection = connection;
            }
            using var command = _checkpointConnection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose()
    {
        lock (_checkpointLock)
        {
            _disposed = true;
            _checkpointConnection?.Dispose();
            _checkpointConnection = null;
        }
        lock (_lock)
        {
            _commands.Dispose();
        }
        _connection.Dispose();
    }

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
                        manual INTEGER NOT NULL DEFAULT 0,
                        prefix_length INTEGER NULL,
                        action INTEGER NOT NULL DEFAULT 0,
                        escalation INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX IF NOT EXISTS ix_blocks_open_address ON blocks (address) WHERE removed_at IS NULL;
                    CREATE INDEX IF NOT EXISTS ix_blocks_open_expires ON blocks (expires_at) WHERE removed_at IS NULL;
                    """;
                command.ExecuteNonQuery();
            }
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                // The blocks table's own version row: schema_version belongs to the threat DB sharing this file.
                command.CommandText = "CREATE TABLE IF NOT EXISTS blocks_schema (version INTEGER NOT NULL); SELECT MAX(version) FROM blocks_schema;";
                var current = command.ExecuteScalar();
                if (current is not null and not DBNull && Convert.ToInt32(current, CultureInfo.InvariantCulture) > SchemaVersion)
                {
                    throw new InvalidOperationException(
                        $"The block table has schema version {current}; this build understands up to {SchemaVersion}.");
                }
                command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('blocks') WHERE name = 'prefix_length';";
                if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    // Version 1 had single addresses only: NULL prefix_length reads as the host length.
                    command.CommandText =
                        """
                        ALTER TABLE blocks ADD COLUMN prefix_length INTEGER NULL;
                        ALTER TABLE blocks ADD COLUMN action INTEGER NOT NULL DEFAULT 0;
                        ALTER TABLE blocks ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0;
                        """;
                    command.ExecuteNonQuery();
                }
                command.CommandText = "DELETE FROM blocks_schema; INSERT INTO blocks_schema (version) VALUES ($version);";
                Bind(command, "$version", SchemaVersion);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    private void Execute(string sql)
    {
        lock (_lock)
        {
            var command = Command(sql);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The cached command for <paramref name="sql"/>, enlisted in the open transaction if any. Call under the lock.</summary>
    private SqliteCommand Command(string sql) => _commands.Get(sql, _transaction);

    private BlockRecord? QuerySingle(string sql, (string Name, object Value) parameter)
    {
        var rows = Query(sql, parameter);
        return rows.Count == 0 ? null : rows[0];
    }

    private List<BlockRecord> Query(string sql, (string Name, object Value) parameter)
    {
        lock (_lock)
        {
            var command = Command(sql);
            Bind(command, parameter.Name, parameter.Value);
            using var reader = command.ExecuteReader();
            var rows = new List<BlockRecord>();
            while (reader.Read())
                rows.Add(ReadRecord(reader));
            return rows;
        }
    }

    private static BlockRecord ReadRecord(SqliteDataReader reader)
    {
        var network = IpAddr.Parse(reader.GetString(1));
        return new BlockRecord
        {
            Id = reader.GetInt64(0),
            Target = new Cidr(network, reader.IsDBNull(2) ? network.BitLength : reader.GetInt32(2)),
            Action = (FirewallAction)reader.GetInt32(3),
            Score = reader.GetInt32(4),
            ReasonsJson = reader.GetString(5),
            Rules = reader.GetString(6),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            RemovedAt = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            RemovedReason = reader.IsDBNull(10) ? null : reader.GetString(10),
            Manual = reader.GetInt64(11) != 0,
            EscalationLevel = reader.GetInt32(12),
        };
    }
}
