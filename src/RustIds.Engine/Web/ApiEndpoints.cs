using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Engine.Explain;
using RustIds.Engine.Pipeline;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Reputation.Feeds.Refresh;
using RustIds.Reputation.Storage;
using RustIds.Response;

namespace RustIds.Engine.Web;

/// <summary>What the REST API reads and changes: the running pipeline's parts.</summary>
public sealed class ApiServices
{
    public required ApiToken Token { get; init; }
    public required BlockManager Blocks { get; init; }
    public required string Backend { get; init; }
    public required AlertLog Alerts { get; init; }
    public required PipelineCounters Counters { get; init; }
    public required FeedRegistry Feeds { get; init; }
    public required AddressExplainer Explainer { get; init; }

    /// <summary>The threat DB's file: each <c>/api/ip</c> request reads it through its own connection (WAL lets it beside the writer).</summary>
    public required string DatabasePath { get; init; }

    public required DecisionLogWriter Decisions { get; init; }
    public required NotificationOutbox Notifications { get; init; }
    public required TimeProvider Time { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required ILogger Logger { get; init; }
}

/// <summary>The REST API (docs/api.md): every route under <c>/api</c> needs <c>Authorization: Bearer TOKEN</c>.</summary>
public static partial class ApiEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder routes, ApiServices api, string? requiredHost)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(api);
        var group = routes.MapGroup("/api");
        if (requiredHost is not null)
            group.RequireHost(requiredHost);
        group.AddEndpointFilter(async (context, next) =>
        {
            if (api.Token.Accepts(context.HttpContext.Request.Headers.Authorization))
                return await next(context).ConfigureAwait(false);
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "missing or wrong bearer token (Authorization: Bearer TOKEN, from Api:TokenFile)");
        });
        group.MapGet("/alerts", (int? limit) => Results.Json(Alerts(api, limit), ApiJsonContext.Default.IReadOnlyListApiAlert));
        group.MapGet("/decisions", (int? limit) => Results.Json(Decisions(api, limit), ApiJsonContext.Default.IReadOnlyListApiDecision));
        group.MapGet("/blocks", async (CancellationToken cancellation) =>
            Results.Json(await BlocksAsync(api, cancellation).ConfigureAwait(false), ApiJsonContext.Default.IReadOnlyListApiBlock));
        group.MapPost("/blocks", (Delegate)((HttpContext context) => BlockAsync(api, context)));
        group.MapDelete("/blocks/{**target}", (string target, string? reason, CancellationToken cancellation) => UnblockAsync(api, target, reason, cancellation));
        group.MapGet("/ip/{address}", (string address, CancellationToken cancellation) => ExplainAsync(api, address, cancellation));
        group.MapGet("/feeds", () => Results.Json(Feeds(api), ApiJsonContext.Default.IReadOnlyListApiFeed));
        group.MapGet("/status", async (CancellationToken cancellation) =>
            Results.Json(await StatusAsync(api, cancellation).ConfigureAwait(false), ApiJsonContext.Default.ApiStatus));
    }

    private static IReadOnlyList<ApiAlert> Alerts(ApiServices api, int? limit) =>
        [.. api.Alerts.Latest(Limit(limit)).Select(static entry =>
        {
            var (alert, action) = entry;
            var ports = alert.Protocol is IpProtocol.Tcp or IpProtocol.Udp;
            return new ApiAlert(alert.Timestamp, alert.Source.ToString(), ports ? alert.SourcePort : null, alert.Destination.ToString(),
                ports ? alert.DestinationPort : null, alert.Protocol.ToString().ToUpperInvariant(), alert.Gid, alert.Sid, alert.Rev, alert.Signature,
                alert.Severity, action == EveAlertAction.Blocked ? "blocked" : "allowed");
        })];

    private static IReadOnlyList<ApiDecision> Decisions(ApiServices api, int? limit) =>
        [.. api.Counters.Decisions().Reverse().Take(Limit(limit))
            .Select(d => new ApiDecision(d.At, d.Address.ToString(), d.Outcome, d.Score, d.Threshold, d.ExpiresAt, d.Explanation))];

    private static async Task<IReadOnlyList<ApiBlock>> BlocksAsync(ApiServices api, CancellationToken cancellation)
    {
        var active = await api.Blocks.GetActiveAsync(cancellation).ConfigureAwait(false);
        return [.. active.Select(b => new ApiBlock(b.TargetText, b.Action == FirewallAction.Block ? "block" : "rate_limit", b.Score,
            ParseReasons(b.ReasonsJson), b.Rules, b.CreatedAt, b.ExpiresAt, b.EscalationLevel, b.Manual, "rustids block remove " + b.TargetText))];
    }

    private static async Task<IResult> BlockAsync(ApiServices api, HttpContext context)
    {
        ApiBlockRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ApiJsonContext.Default.ApiBlockRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is not valid JSON: " + ex.Message);
        }
        if (request?.Address is not { } text)
            return Error(StatusCodes.Status400BadRequest, "\"address\" is required (an address or a prefix)");
        if (!FirewallTarget.TryParse(text, out var target, out var targetError))
            return Error(StatusCodes.Status400BadRequest, targetError);
        var duration = TimeSpan.FromHours(1);
        if (request.Duration is { } durationText && !DurationText.TryParse(durationText, out duration))
            return Error(StatusCodes.Status400BadRequest, $"\"duration\" '{durationText}' is not a duration (examples: 90s, 30m, 12h, 2d, 1w)");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "manual block (API)" : request.Reason;
        var outcome = await api.Blocks.BlockManualAsync(target, duration, reason, request.RateLimit ? FirewallAction.RateLimit : FirewallAction.Block,
            context.RequestAborted).ConfigureAwait(false);
        LogManualBlock(api.Logger, FirewallTarget.Format(target), outcome.Kind.ToString(), reason);
        var result = new ApiBlockResult(FirewallTarget.Format(outcome.Target), outcome.Kind.ToString().ToLowerInvariant(), outcome.ExpiresAt, outcome.Reason);
        return outcome.IsBlocked
            ? Results.Json(result, ApiJsonContext.Default.ApiBlockResult, statusCode: StatusCodes.Status201Created)
            : Results.Json(result, ApiJsonContext.Default.ApiBlockResult, statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UnblockAsync(ApiServices api, string text, string? reason, CancellationToken cancellation)
    {
        if (!FirewallTarget.TryParse(Uri.UnescapeDataString(text), out var target, out var error))
            return Error(StatusCodes.Status400BadRequest, error);
        reason = string.IsNullOrWhiteSpace(reason) ? "manual unblock (API)" : reason;
        var record = (await api.Blocks.GetActiveAsync(cancellation).ConfigureAwait(false)).FirstOrDefault(b => b.Target == target);
        var removed = await api.Blocks.UnblockAsync(target, reason, cancellation).ConfigureAwait(false);
        LogManualUnblock(api.Logger, FirewallTarget.Format(target), removed, reason);
        if (!removed)
            return Error(StatusCodes.Status404NotFound, $"{FirewallTarget.Format(target)} is not blocked");
        if (record is not null)
        {
            var now = api.Time.GetUtcNow();
            api.Decisions.WriteUnblock(record with { RemovedAt = now, RemovedReason = reason }, "removed", now);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> ExplainAsync(ApiServices api, string text, CancellationToken cancellation)
    {
        if (!IpAddr.TryParse(text, out var address))
            return Error(StatusCodes.Status400BadRequest, $"'{text}' is not an IPv4 or IPv6 address");
        var now = api.Time.GetUtcNow();
        var active = await api.Blocks.GetActiveAsync(cancellation).ConfigureAwait(false);
        using var threatDb = File.Exists(api.DatabasePath) ? ThreatDb.Open(api.DatabasePath) : null;
        var report = api.Explainer.Explain(address, now, threatDb, active);
        return Results.Text(report.ToJson(), "application/json; charset=utf-8");
    }

    private static IReadOnlyList<ApiFeed> Feeds(ApiServices api)
    {
        var now = api.Time.GetUtcNow();
        return [.. api.Feeds.Current.Select(f => new ApiFeed(f.Name, f.List.Entries, f.FetchedAt, AgeText.Format(f.FetchedAt, now)))];
    }

    private static async Task<ApiStatus> StatusAsync(ApiServices api, CancellationToken cancellation)
    {
        var active = await api.Blocks.GetActiveAsync(cancellation).ConfigureAwait(false);
        var counters = api.Counters;
        return new ApiStatus(api.StartedAt, api.Backend, counters.Packets, counters.AlertsHandled, counters.AlertsDropped, active.Count,
            api.Notifications.Counts().Queued, counters.RulesInUse);
    }

    private static JsonElement ParseReasons(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            using var empty = JsonDocument.Parse("[]");
            return empty.RootElement.Clone();
        }
    }

    private static int Limit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    private static IResult Error(int status, string message) => Results.Json(new ApiError(message), ApiJsonContext.Default.ApiError, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API: manual block of {Target}: {Outcome} ({Reason})")]
    private static partial void LogManualBlock(ILogger logger, string target, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API: manual unblock of {Target}: removed={Removed} ({Reason})")]
    private static partial void LogManualUnblock(ILogger logger, string target, bool removed, string reason);
}
