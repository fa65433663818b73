using System.Globalization;
using Microsoft.Data.Sqlite;
using RustIds.Response;
using static RustIds.Response.SqliteCommandCache;

namespace RustIds.Notify;

/// <summary>The outbox tables in SQLite (WAL), in the same file as the threat DB and the block store.</summary>
/// <remarks>
/// Tables: <c>notify_outbox</c> (one row per notice per channel, and one per digest), <c>notify_digest_state</c>
/// (when each channel's last digest was built) and <c>notify_outbox_schema</c> (this table's own version;
/// <c>schema_version</c> and <c>blocks_schema</c> belong to the others). Times are Unix milliseconds UTC.
/// One connection under a lock, statements prepared once; parameterised SQL only. Thread-safe.
/// </remarks>
internal sealed class OutboxStore : IDisposable
{
    public const int SchemaVersion = 1;

    private const string ItemColumns = "id, channel, kind, payload, attempts";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly SqliteCommandCache _commands;
    private SqliteTransaction? _transaction;

    public OutboxStore(string path)
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
        _commands = new SqliteCommandCache(_connection);
        _connection.Open();
        try
        {
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            EnsureSchema();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        lock (_lock)
        {
            _transaction = _connection.BeginTransaction();
            try
            {
                var result = work();
                _transaction.Commit();
                return result;
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

    public long Insert(string channel, bool isDigest, string evt, string target, string payload, OutboxState state, bool immediate, bool heldBack, DateTimeOffset now)
    {
        lock (_lock)
        {
            var command = Command(
                """
                INSERT INTO notify_outbox (channel, kind, event, target, payload, state, immediate, held_back, attempts, created_at, next_attempt_at)
                VALUES ($channel, $kind, $event, $target, $payload, $state, $immediate, $held, 0, $now, $now);
                SELECT last_insert_rowid();
                """);
            Bind(command, "$channel", channel);
            Bind(command, "$kind", isDigest ? 1 : 0);
            Bind(command, "$event", evt);
            Bind(command, "$target", target);
            Bind(command, "$payload", payload);
            Bind(command, "$state", (int)state);
            Bind(command, "$immediate", immediate ? 1 : 0);
            Bind(command, "$held", heldBack ? 1 : 0);
            Bind(command, "$now", now.ToUnixTimeMilliseconds());
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>True when a notice of <paramref name="evt"/> for <paramref name="target"/> was queued for the channel since <paramref name="since"/> (repeats not counted).</summary>
    public bool SeenSince(string channel, string evt, string target, DateTimeOffset since)
    {
        lock (_lock)
        {
            var command = Command(
                "SELECT EXISTS (SELECT 1 FROM notify_outbox WHERE channel = $channel AND target = $target AND event = $event AND kind = 0 AND state <> 5 AND created_at >= $since);");
            Bind(command, "$channel", channel);
            Bind(command, "$target", target);
            Bind(command, "$event", evt);
            Bind(command, "$since", since.ToUnixTimeMilliseconds());
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
        }
    }

    /// <summary>Immediate notices queued for the channel since <paramref name="since"/>.</summary>
    public int ImmediateSince(string channel, DateTimeOffset since)
    {
        lock (_lock)
        {
            var command = Command("SELECT COUNT(*) FROM notify_outbox WHERE channel = $channel AND immediate = 1 AND created_at >= $since;");
            Bind(command, "$channel", channel);
            Bind(command, "$since", since.ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The oldest pending row of the channel whose time has come, or null.</summary>
    public OutboxItem? NextDue(string channel, DateTimeOffset now)
    {
        lock (_lock)
        {
            var command = Command($"SELECT {ItemColumns} FROM notify_outbox WHERE channel = $channel AND state = 0 AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT 1;");
            Bind(command, "$channel", channel);
            Bind(command, "$now", now.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadItem(reader) : null;
        }
    }

    /// <summary>When the channel's next pending row is due, or null when nothing is pending.</summary>
    public DateTimeOffset? NextAttemptAt(string channel)
    {
        lock (_lock)
        {
            var command = Command("SELECT MIN(next_attempt_at) FROM notify_outbox WHERE channel = $channel AND state = 0;");
            Bind(command, "$channel", channel);
            var value = command.ExecuteScalar();
            return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
    }

    public void MarkSent(long id, int rounds, string answer, DateTimeOffset now) =>
        Update("UPDATE notify_outbox SET state = 1, attempts = $rounds, sent_at = $now, last_answer = $text WHERE id = $id;", id, rounds, answer, now);

    public void MarkRetry(long id, int rounds, string error, DateTimeOffset next) =>
        Update("UPDATE notify_outbox SET attempts = $rounds, next_attempt_at = $now, last_error = $text WHERE id = $id;", id, rounds, error, next);

    public void MarkFailed(long id, int rounds, string error, DateTimeOffset now) =>
        Update("UPDATE notify_outbox SET state = 2, attempts = $rounds, next_attempt_at = $now, last_error = $text WHERE id = $id;", id, rounds, error, now);

    /// <summary>Payloads of the channel's rows in <paramref name="state"/> without a digest yet, oldest first, with their held-back flag.</summary>
    public List<(long Id, string Event, string Target, string Payload, bool HeldBack)> Undigested(string channel, OutboxState state)
    {
        lock (_lock)
        {
            var command = Command("SELECT id, event, target, payload, held_back FROM notify_outbox WHERE channel = $channel AND state = $state AND digest_id IS NULL ORDER BY id;");
            Bind(command, "$channel", channel);
            Bind(command, "$state", (int)state);
            using var reader = command.ExecuteReader();
            var rows = new List<(long, string, string, string, bool)>();
            while (reader.Read())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) != 0));
            return rows;
        }
    }

    /// <summary>Points the channel's undigested rows up to <paramref name="maxId"/> at the digest; waiting notices become <see cref="OutboxState.Digested"/>.</summary>
    public void AttachToDigest(string channel, long digestId, long maxId)
    {
        lock (_lock)
        {
            var command = Command(
                """
                UPDATE notify_outbox SET digest_id = $digest, state = CASE WHEN state = 3 THEN 4 ELSE state END
                WHERE channel = $channel AND state IN (3, 5) AND digest_id IS NULL AND id <= $max;
                """);
            Bind(command, "$digest", digestId);
            Bind(command, "$channel", channel);
            Bind(command, "$max", maxId);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The notice payloads of a digest, oldest first.</summary>
    public List<string> DigestPayloads(long digestId)
    {
        lock (_lock)
        {
            var command = Command("SELECT payload FROM notify_outbox WHERE digest_id = $digest AND state = 4 ORDER BY id;");
            Bind(command, "$digest", digestId);
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(reader.GetString(0));
            return rows;
        }
    }

    public DateTimeOffset? LastDigestAt(string channel)
    {
        lock (_lock)
        {
            var command = Command("SELECT last_digest_at FROM notify_digest_state WHERE channel = $channel;");
            Bind(command, "$channel", channel);
            var value = command.ExecuteScalar();
            return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
    }

    public void SetLastDigestAt(string channel, DateTimeOffset at)
    {
        lock (_lock)
        {
            var command = Command("INSERT INTO notify_digest_state (channel, last_digest_at) VALUES ($channel, $at) ON CONFLICT (channel) DO UPDATE SET last_digest_at = excluded.last_digest_at;");
            Bind(command, "$channel", channel);
            Bind(command, "$at", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes delivered rows (sent, digested into a sent digest, counted repeats) created before <paramref name="before"/>.</summary>
    public int PurgeDelivered(DateTimeOffset before)
    {
        lock (_lock)
        {
            var command = Command(
                """
                DELETE FROM notify_outbox WHERE created_at < $before AND (
                    (kind = 0 AND state = 1)
                    OR (state IN (4, 5) AND digest_id IN (SELECT id FROM notify_outbox WHERE kind = 1 AND state = 1)));
                DELETE FROM notify_outbox WHERE kind = 1 AND state = 1 AND created_at < $before AND id NOT IN (SELECT digest_id FROM notify_outbox WHERE digest_id IS NOT NULL);
                """);
            Bind(command, "$before", before.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }
    }

    public OutboxCounts Counts()
    {
        lock (_lock)
        {
            var command = Command("SELECT state, COUNT(*) FROM notify_outbox GROUP BY state;");
            using var reader = command.ExecuteReader();
            var counts = new long[6];
            while (reader.Read())
            {
                var state = reader.GetInt32(0);
                if (state is >= 0 and < 6)
                    counts[state] = reader.GetInt64(1);
            }
            return new OutboxCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        }
    }

    /// <summary>Rows per channel still to deliver (pending or awaiting a digest), for the start-up check of removed channels.</summary>
    public Dictionary<string, long> QueuedByChannel()
    {
        lock (_lock)
        {
            var command = Command("SELECT channel, COUNT(*) FROM notify_outbox WHERE state IN (0, 3) GROUP BY channel;");
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
                counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }
    }

    /// <summary>One row's state, rounds and last error (tests and <c>notify</c> commands).</summary>
    public (OutboxState State, int Rounds, string? LastError, string? LastAnswer)? Get(long id)
    {
        lock (_lock)
        {
            var command = Command("SELECT state, attempts, last_error, last_answer FROM notify_outbox WHERE id = $id;");
            Bind(command, "$id", id);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            return ((OutboxState)reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _commands.Dispose();
        }
        _connection.Dispose();
    }

    private void Update(string sql, long id, int rounds, string text, DateTimeOffset at)
    {
        lock (_lock)
        {
            var command = Command(sql);
            Bind(command, "$id", id);
            Bind(command, "$rounds", rounds);
            Bind(command, "$text", text);
            Bind(command, "$now", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
    }

    private void EnsureSchema()
    {
        InTransaction(() =>
        {
            var command = Command("CREATE TABLE IF NOT EXISTS notify_outbox_schema (version INTEGER NOT NULL); SELECT MAX(version) FROM notify_outbox_schema;");
            var current = command.ExecuteScalar();
            if (current is not null and not DBNull && Convert.ToInt32(current, CultureInfo.InvariantCulture) > SchemaVersion)
                throw new InvalidOperationException($"The notification outbox has schema version {current}; this build understands up to {SchemaVersion}.");
            // kind: 0 notice, 1 digest. state: OutboxState. immediate: chosen for immediate delivery (the hourly cap counts these).
            Command(
                """
                CREATE TABLE IF NOT EXISTS notify_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    channel TEXT NOT NULL,
                    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
                    event TEXT NOT NULL,
                    target TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    state INTEGER NOT NULL,
                    immediate INTEGER NOT NULL DEFAULT 0,
                    held_back INTEGER NOT NULL DEFAULT 0,
                    digest_id INTEGER NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    sent_at INTEGER NULL,
                    last_error TEXT NULL,
                    last_answer TEXT NULL
                );
                CREATE INDEX IF NOT EXISTS ix_notify_outbox_due ON notify_outbox (channel, state, next_attempt_at);
                CREATE INDEX IF NOT EXISTS ix_notify_outbox_target ON notify_outbox (channel, target, created_at);
                CREATE INDEX IF NOT EXISTS ix_notify_outbox_immediate ON notify_outbox (channel, immediate, created_at);
                CREATE INDEX IF NOT EXISTS ix_notify_outbox_digest ON notify_outbox (digest_id) WHERE digest_id IS NOT NULL;
                CREATE TABLE IF NOT EXISTS notify_digest_state (channel TEXT PRIMARY KEY, last_digest_at INTEGER NOT NULL);
                DELETE FROM notify_outbox_schema;
                INSERT INTO notify_outbox_schema (version) VALUES (1);
                """).ExecuteNonQuery();
            return 0;
        });
    }

    private void Execute(string sql)
    {
        lock (_lock)
            Command(sql).ExecuteNonQuery();
    }

    private static OutboxItem ReadItem(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2) == 1, reader.GetString(3), reader.GetInt32(4));

    /// <summary>The cached command for <paramref name="sql"/>, enlisted in the open transaction if any. Call under the lock.</summary>
    private SqliteCommand Command(string sql) => _commands.Get(sql, _transaction);
}
