using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RustIds.Detection;
using RustIds.Packets;

namespace RustIds.Reputation.Storage;

/// <summary>
/// The threat DB: alerts and verdicts in one SQLite file (WAL journal), the memory behind
/// "history" in a verdict. Creates its schema when absent.
/// </summary>
/// <remarks>
/// Off the hot path. One connection guarded by a lock, so calls from several threads are
/// serialized. Times are stored as Unix milliseconds, addresses as canonical text (readable with
/// the <c>sqlite3</c> tool). Every statement is parameterized.
/// </remarks>
public sealed class ThreatDb : IDisposable
{
    /// <summary>The schema version this code writes.</summary>
    public const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private ThreatDb(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens or creates the database at <paramref name="path"/> and applies the schema.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema version.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public static ThreatDb Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 5,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var db = new ThreatDb(path, connection);
            db.Initialize();
            return db;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Stores one alert.</summary>
    public void RecordAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            using var command = Command("""
                INSERT INTO alerts (ts, src, dst, src_port, dst_port, proto, gid, sid, rev, signature, severity)
                VALUES ($ts, $src, $dst, $sport, $dport, $proto, $gid, $sid, $rev, $signature, $severity)
                """);
            command.Parameters.AddWithValue("$ts", alert.Timestamp.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$src", alert.Source.ToString());
            command.Parameters.AddWithValue("$dst", alert.Destination.ToString());
            command.Parameters.AddWithValue("$sport", (int)alert.SourcePort);
            command.Parameters.AddWithValue("$dport", (int)alert.DestinationPort);
            command.Parameters.AddWithValue("$proto", (int)alert.Protocol);
            command.Parameters.AddWithValue("$gid", alert.Gid);
            command.Parameters.AddWithValue("$sid", alert.Sid);
            command.Parameters.AddWithValue("$rev", alert.Rev);
            command.Parameters.AddWithValue("$signature", alert.Signature);
            command.Parameters.AddWithValue("$severity", alert.Severity);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Stores one verdict made at <paramref name="at"/>, its reasons as a JSON array.</summary>
    public void RecordVerdict(Verdict verdict, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        lock (_lock)
        {
            using var command = Command("""
                INSERT INTO verdicts (ts, address, action, score, threshold, duration_s, country, reasons)
                VALUES ($ts, $address, $action, $score, $threshold, $duration, $country, $reasons)
                """);
            command.Parameters.AddWithValue("$ts", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$address", verdict.Address.ToString());
            command.Parameters.AddWithValue("$action", verdict.Action.ToString());
            command.Parameters.AddWithValue("$score", verdict.Score);
            command.Parameters.AddWithValue("$threshold", verdict.BlockThreshold);
            command.Parameters.AddWithValue("$duration", (long)verdict.Duration.TotalSeconds);
            command.Parameters.AddWithValue("$country", (object?)verdict.Country ?? DBNull.Value);
            command.Parameters.AddWithValue("$reasons", ReasonsToJson(verdict.Reasons));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Counts alerts and prior blocks (and rate limits) of <paramref name="address"/>, when they happened, and when it was first and last seen.</summary>
    public AddressHistory GetHistory(IpAddr address)
    {
        var key = address.ToString();
        lock (_lock)
        {
            using var command = Command("""
                SELECT
                  (SELECT COUNT(*) FROM alerts WHERE src = $a),
                  (SELECT COUNT(*) FROM verdicts WHERE address = $a AND action IN ('Block', 'RateLimit')),
                  (SELECT MIN(t) FROM (SELECT MIN(ts) AS t FROM alerts WHERE src = $a UNION ALL SELECT MIN(ts) FROM verdicts WHERE address = $a)),
                  (SELECT MAX(t) FROM (SELECT MAX(ts) AS t FROM alerts WHERE src = $a UNION ALL SELECT MAX(ts) FROM verdicts WHERE address = $a));
                SELECT ts FROM verdicts WHERE address = $a AND action IN ('Block', 'RateLimit') ORDER BY ts DESC LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$a", key);
            command.Parameters.AddWithValue("$limit", AddressHistory.MaxBlockTimes);
            using var reader = command.ExecuteReader();
            reader.Read();
            var alertCount = reader.GetInt32(0);
            var blockCount = reader.GetInt32(1);
            DateTimeOffset? first = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            DateTimeOffset? last = reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
            var times = new List<DateTimeOffset>();
            reader.NextResult();
            while (reader.Read())
                times.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
            return new AddressHistory
            {
                Address = address,
                AlertCount = alertCount,
                PriorBlockCount = blockCount,
                BlockTimes = times,
                FirstSeen = first,
                LastSeen = last,
            };
        }
    }

    /// <summary>The alerts of <paramref name="address"/> grouped by rule or detector (gid:sid), most frequent first.</summary>
    public IReadOnlyList<SignatureCount> AlertsBySignature(IpAddr address, int limit = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var result = new List<SignatureCount>();
        lock (_lock)
        {
            using var command = Command("""
                SELECT gid, sid, MAX(signature), COUNT(*), MAX(ts) FROM alerts WHERE src = $a
                GROUP BY gid, sid ORDER BY COUNT(*) DESC, MAX(ts) DESC LIMIT $limit
                """);
            command.Parameters.AddWithValue("$a", address.ToString());
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new SignatureCount(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
        }
        return result;
    }

    /// <summary>Deletes alerts and verdicts older than <paramref name="cutoff"/>; returns how many of each went.</summary>
    /// <remarks>The retention job calls this daily; keep the retention longer than the recidivism window, or repeat offenders are forgotten early.</remarks>
    public (int Alerts, int Verdicts) Prune(DateTimeOffset cutoff)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var alerts = Command("DELETE FROM alerts WHERE ts < $cutoff", transaction);
            alerts.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            var alertCount = alerts.ExecuteNonQuery();
            using var verdicts = Command("DELETE FROM verdicts WHERE ts < $cutoff", transaction);
            verdicts.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            var verdictCount = verdicts.ExecuteNonQuery();
            transaction.Commit();
            return (alertCount, verdictCount);
        }
    }

    /// <summary>The latest verdicts for <paramref name="address"/>, newest first.</summary>
    public IReadOnlyList<StoredVerdict> RecentVerdicts(IpAddr address, int limit = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var result = new List<StoredVerdict>();
        lock (_lock)
        {
            using var command = Command("""
                SELECT ts, action, score, threshold, duration_s, country, reasons
                FROM verdicts WHERE address = $a ORDER BY ts DESC, id DESC LIMIT $limit
                """);
            command.Parameters.AddWithValue("$a", address.ToString());
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var verdict = new Verdict
                {
                    Address = address,
                    Action = Enum.TryParse<VerdictAction>(reader.GetString(1), out var action) ? action : VerdictAction.Allow,
                    Score = reader.GetInt32(2),
                    BlockThreshold = reader.GetInt32(3),
                    Duration = TimeSpan.FromSeconds(reader.GetInt64(4)),
                    Country = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Reasons = ReasonsFromJson(reader.GetString(6)),
                };
                result.Add(new StoredVerdict(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), verdict));
            }
        }
        return result;
    }

    /// <summary>Closes the connection (a WAL checkpoint happens on close).</summary>
    public void Dispose() => _connection.Dispose();

    internal static string ReasonsToJson(IReadOnlyList<VerdictReason> reasons)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reason in reasons)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", reason.Kind);
                writer.WriteString("detail", reason.Detail);
                writer.WriteNumber("points", reason.Points);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static List<VerdictReason> ReasonsFromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var reasons = new List<VerdictReason>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            reasons.Add(new VerdictReason(
                element.GetProperty("kind").GetString() ?? "",
                element.GetProperty("detail").GetString() ?? "",
                element.GetProperty("points").GetInt32()));
        }
        return reasons;
    }

    private void Initialize()
    {
        lock (_lock)
        {
            using (var pragma = Command("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"))
                pragma.ExecuteNonQuery();
            using var transaction = _connection.BeginTransaction();
            using (var create = Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", transaction))
                create.ExecuteNonQuery();
            long? version;
            using (var read = Command("SELECT MAX(version) FROM schema_version", transaction))
                version = read.ExecuteScalar() is long v ? v : null;
            if (version > SchemaVersion)
                throw new InvalidOperationException($"{Path}: threat DB schema version {version} is newer than this build supports ({SchemaVersion}).");
            if (version is null)
            {
                using var schema = Command("""
                    CREATE TABLE alerts (
                      id INTEGER PRIMARY KEY,
                      ts INTEGER NOT NULL,
                      src TEXT NOT NULL,
                      dst TEXT NOT NULL,
                      src_port INTEGER NOT NULL,
                      dst_port INTEGER NOT NULL,
                      proto INTEGER NOT NULL,
                      gid INTEGER NOT NULL,
                      sid INTEGER NOT NULL,
                      rev INTEGER NOT NULL,
                      signature TEXT NOT NULL,
                      severity INTEGER NOT NULL);
                    CREATE INDEX alerts_src_ts ON alerts (src, ts);
                    CREATE TABLE verdicts (
                      id INTEGER PRIMARY KEY,
                      ts INTEGER NOT NULL,
                      address TEXT NOT NULL,
                      action TEXT NOT NULL,
                      score INTEGER NOT NULL,
                      threshold INTEGER NOT NULL,
                      duration_s INTEGER NOT NULL,
                      country TEXT,
                      reasons TEXT NOT NULL);
                    CREATE INDEX verdicts_address_ts ON verdicts (address, ts);
                    INSERT INTO schema_version (version) VALUES (1);
                    """, transaction);
                schema.ExecuteNonQuery();
                version = 1;
            }
            if (version < 2)
            {
                // Version 2: time indexes for the retention job's range deletes.
                using var migrate = Command("""
                    CREATE INDEX IF NOT EXISTS alerts_ts ON alerts (ts);
                    CREATE INDEX IF NOT EXISTS verdicts_ts ON verdicts (ts);
                    INSERT INTO schema_version (version) VALUES (2);
                    """, transaction);
                migrate.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
