using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RustIds.Notify;

namespace RustIds.Engine.Scheduling;

/// <summary>
/// The digest tick: once a minute, asks the outbox to build the digests whose time has come (top of the hour,
/// or the daily time) and to purge old delivered rows. The schedule itself lives in
/// <see cref="DeliveryPolicy.NextDigestAfter"/> on the outbox's <see cref="TimeProvider"/>, so tests drive it
/// with a fake clock; this job only supplies the ticks.
/// </summary>
public static partial class NotificationDigestJob
{
    /// <summary>How often the outbox is asked; a digest goes out at most this late.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <summary>Adds the digest job to <paramref name="scheduler"/>.</summary>
    public static Task ScheduleAsync(MaintenanceScheduler scheduler, NotificationOutbox outbox, TimeSpan keepDelivered, ILogger logger, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(logger);
        return scheduler.ScheduleEveryAsync("notify-digest", Tick, _ =>
        {
            Run(outbox, keepDelivered, logger);
            return Task.CompletedTask;
        }, cancellation);
    }

    /// <summary>One tick; a database failure is logged and retried at the next tick (the waiting rows stay where they are).</summary>
    public static int Run(NotificationOutbox outbox, TimeSpan keepDelivered, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        try
        {
            var built = outbox.BuildDueDigests(keepDelivered);
            if (built > 0)
                LogBuilt(logger, built);
            return built;
        }
        catch (SqliteException ex)
        {
            LogFailed(logger, ex);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built {Count} notification digest(s)")]
    private static partial void LogBuilt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building notification digests failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
