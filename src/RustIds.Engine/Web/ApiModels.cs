using System.Text.Json;
using System.Text.Json.Serialization;

namespace RustIds.Engine.Web;

/// <summary>One alert as <c>GET /api/alerts</c> lists it (EVE's names where EVE has one).</summary>
public sealed record ApiAlert(
    DateTimeOffset Timestamp, string SrcIp, int? SrcPort, string DestIp, int? DestPort, string Proto,
    int Gid, long SignatureId, int Rev, string Signature, int Severity, string Action);

/// <summary>One decision as <c>GET /api/decisions</c> lists it.</summary>
public sealed record ApiDecision(DateTimeOffset At, string Address, string Outcome, int Score, int Threshold, DateTimeOffset? ExpiresAt, string Explanation);

/// <summary>One active block as <c>GET /api/blocks</c> lists it.</summary>
public sealed record ApiBlock(
    string Target, string Action, int Score, JsonElement Reasons, string Rules, DateTimeOffset Since, DateTimeOffset Until,
    int EscalationLevel, bool Manual, string UnblockCommand);

/// <summary>The body of <c>POST /api/blocks</c>.</summary>
public sealed record ApiBlockRequest(string? Address, string? Duration, string? Reason, bool RateLimit = false);

/// <summary>What <c>POST /api/blocks</c> did.</summary>
public sealed record ApiBlockResult(string Target, string Outcome, DateTimeOffset? ExpiresAt, string? Reason);

/// <summary>A feed as the dashboard shows it.</summary>
public sealed record ApiFeed(string Name, int Entries, DateTimeOffset FetchedAt, string Age);

/// <summary>Counters at a glance, for the dashboard.</summary>
public sealed record ApiStatus(
    DateTimeOffset StartedAt, string Backend, long Packets, long Alerts, long AlertsDropped, int ActiveBlocks, long NotificationsQueued, int RulesLoaded);

/// <summary>An error: what was wrong, in one sentence.</summary>
public sealed record ApiError(string Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ApiAlert>))]
[JsonSerializable(typeof(IReadOnlyList<ApiDecision>))]
[JsonSerializable(typeof(IReadOnlyList<ApiBlock>))]
[JsonSerializable(typeof(IReadOnlyList<ApiFeed>))]
[JsonSerializable(typeof(ApiBlockRequest))]
[JsonSerializable(typeof(ApiBlockResult))]
[JsonSerializable(typeof(ApiStatus))]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
