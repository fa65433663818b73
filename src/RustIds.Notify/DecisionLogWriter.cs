using System.Text.Json;
using RustIds.Reputation;

namespace RustIds.Notify;

/// <summary>
/// Appends every block decision as one JSON object per line to its own file (not EVE), so an
/// operator can see why an address was blocked, for how long, and until when.
/// </summary>
/// <remarks>
/// Fields: <c>timestamp</c> (ISO 8601 UTC), <c>address</c>, <c>action</c> (<c>allow</c>, <c>alert</c>,
/// <c>block</c>), <c>outcome</c> (what the firewall side did, when known), <c>score</c>, <c>threshold</c>, <c>duration_seconds</c>, <c>expires_at</c> (ISO 8601
/// UTC, block only), <c>country</c> (ISO 3166 code or null), <c>reasons</c> (array of
/// <c>kind</c>, <c>detail</c>, <c>points</c>). Flushed per record; thread-safe.
/// </remarks>
public sealed class DecisionLogWriter : IDisposable
{
    private readonly JsonLinesFile _file;

    /// <summary>Opens (creating directories and the file as needed) <paramref name="path"/> for appending.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="rotation">Rotation by size or age done by rustids; null leaves it to logrotate and SIGHUP.</param>
    /// <param name="time">Clock for age-based rotation; the system clock by default.</param>
    public DecisionLogWriter(string path, LogRotation? rotation = null, TimeProvider? time = null) => _file = new JsonLinesFile(path, rotation, time);

    /// <summary>Files rotated away since start.</summary>
    public int Rotations => _file.Rotations;

    /// <summary>Absolute path of the decision log.</summary>
    public string Path => _file.Path;

    /// <summary>Writes one decision.</summary>
    /// <param name="verdict">The scorer's verdict.</param>
    /// <param name="decidedAt">When the decision was taken; the expiry is this plus the duration unless given.</param>
    /// <param name="outcome">What the firewall side did (<c>blocked</c>, <c>extended</c>, <c>refused-allowlisted</c>, …), or null.</param>
    /// <param name="expiresAt">The block's actual expiry (an extension keeps the later one), or null to derive it.</param>
    public void WriteDecision(Verdict verdict, DateTimeOffset decidedAt, string? outcome = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        _file.WriteLine((verdict, decidedAt, outcome, expiresAt),
            static (json, state) => WriteRecord(json, state.verdict, state.decidedAt, state.outcome, state.expiresAt));
    }

    /// <summary>Writes the end of a block: <c>"outcome": "unblocked"</c> with how it ended (expired, removed by hand) and its original reasons.</summary>
    /// <param name="record">The closed block.</param>
    /// <param name="how">Why it ended, for example <c>expired</c>.</param>
    /// <param name="at">When it ended.</param>
    public void WriteUnblock(Response.BlockRecord record, string how, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(how);
        _file.WriteLine((record, how, at), static (json, state) =>
        {
            json.WriteStartObject();
            json.WriteString("timestamp"u8, NoticeText.IsoUtc(state.at));
            json.WriteString("address"u8, state.record.TargetText);
            json.WriteString("action"u8, state.record.Action == Response.FirewallAction.RateLimit ? "rate-limit"u8 : "block"u8);
            json.WriteString("outcome"u8, "unblocked"u8);
            json.WriteString("ended"u8, state.how);
            if (state.record.RemovedReason is { } removedBecause)
                json.WriteString("removed_reason"u8, removedBecause);
            json.WriteNumber("score"u8, state.record.Score);
            json.WriteString("blocked_at"u8, NoticeText.IsoUtc(state.record.CreatedAt));
            json.WriteString("expires_at"u8, NoticeText.IsoUtc(state.record.ExpiresAt));
            json.WriteNumber("escalation_level"u8, state.record.EscalationLevel);
            NoticeText.WriteReasons(json, NoticeText.ReadReasons(state.record.ReasonsJson));
            json.WriteEndObject();
        });
    }

    /// <summary>Closes and reopens the file at <see cref="Path"/> (after log rotation).</summary>
    public void Reopen() => _file.Reopen();

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private static void WriteRecord(Utf8JsonWriter json, Verdict verdict, DateTimeOffset decidedAt, string? outcome, DateTimeOffset? expiresAt)
    {
        json.WriteStartObject();
        json.WriteString("timestamp"u8, NoticeText.IsoUtc(decidedAt));
        json.WriteString("address"u8, verdict.Address.ToString());
        json.WriteString("action"u8, NoticeText.ActionName(verdict.Action));
        if (outcome is not null)
            json.WriteString("outcome"u8, outcome);
        json.WriteNumber("score"u8, verdict.Score);
        json.WriteNumber("threshold"u8, verdict.BlockThreshold);
        json.WriteNumber("duration_seconds"u8, (long)verdict.Duration.TotalSeconds);
        if (expiresAt is { } actualExpiry)
            json.WriteString("expires_at"u8, NoticeText.IsoUtc(actualExpiry));
        else if (verdict.ChangesFirewall && verdict.Duration > TimeSpan.Zero)
            json.WriteString("expires_at"u8, NoticeText.IsoUtc(decidedAt + verdict.Duration));
        else
            json.WriteNull("expires_at"u8);
        if (verdict.Country is null)
            json.WriteNull("country"u8);
        else
            json.WriteString("country"u8, verdict.Country);
        NoticeText.WriteReasons(json, verdict.Reasons);
        json.WriteEndObject();
    }
}
