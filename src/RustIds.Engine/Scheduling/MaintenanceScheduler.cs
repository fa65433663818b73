using Quartz;

namespace RustIds.Engine.Scheduling;

/// <summary>Runs the periodic maintenance jobs (expiry sweep, reconciliation) on a private Quartz scheduler.</summary>
/// <remarks>
/// In-memory job store, two worker threads, one scheduler per run. Each job is
/// <see cref="DisallowConcurrentExecutionAttribute">never run twice at once</see>, and a tick missed
/// while the previous run was still busy is skipped, not queued: a slow nft call cannot pile up sweeps.
/// </remarks>
public sealed class MaintenanceScheduler : IAsyncDisposable
{
    internal const string ActionKey = "action";

    private readonly StandaloneSchedulerFactory _factory;
    private readonly IScheduler _scheduler;

    private MaintenanceScheduler(StandaloneSchedulerFactory factory, IScheduler scheduler)
    {
        _factory = factory;
        _scheduler = scheduler;
    }

    /// <summary>Creates and starts an empty scheduler.</summary>
    public static async Task<MaintenanceScheduler> StartAsync(CancellationToken cancellationToken = default)
    {
        var factory = QuartzSchedulerBuilder
            .Create(q => q
                .ConfigureScheduler(options => options.InstanceName = "rustids-maintenance-" + Guid.NewGuid().ToString("N"))
                .UseDefaultThreadPool(maxConcurrency: 2)
                .UseInMemoryStore())
            .Build();
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
            await scheduler.Start(cancellationToken).ConfigureAwait(false);
            return new MaintenanceScheduler(factory, scheduler);
        }
        catch
        {
            await factory.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> every <paramref name="interval"/>, first after one interval.</summary>
    /// <param name="name">Job name, unique within this scheduler.</param>
    /// <param name="interval">Time between starts.</param>
    /// <param name="action">The work; its exceptions are the caller's to handle (an escaping one is logged by Quartz and the job keeps its schedule).</param>
    /// <param name="cancellationToken">Cancels scheduling.</param>
    public async Task ScheduleEveryAsync(string name, TimeSpan interval, Func<CancellationToken, Task> action, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(action);
        var job = JobBuilder.Create<DelegateJob>()
            .WithIdentity(name)
            .UsingJobData(new JobDataMap { [ActionKey] = action })
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name)
            .StartAt(DateTimeOffset.UtcNow + interval)
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await _scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="action"/> on a Quartz cron schedule (seconds first, the scheduler's local time zone); optionally once right away too.</summary>
    /// <param name="name">Job name, unique within this scheduler.</param>
    /// <param name="cronExpression">For example <c>0 0 */6 * * ?</c>: every six hours on the hour.</param>
    /// <param name="action">The work; its exceptions are the caller's to handle.</param>
    /// <param name="runNow">Also fire once immediately (a feed never downloaded should not wait for its first tick).</param>
    /// <param name="cancellationToken">Cancels scheduling.</param>
    /// <exception cref="FormatException"><paramref name="cronExpression"/> is not valid.</exception>
    public async Task ScheduleCronAsync(string name, string cronExpression, Func<CancellationToken, Task> action, bool runNow = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(action);
        var cron = new CronExpression(cronExpression);
        var job = JobBuilder.Create<DelegateJob>()
            .WithIdentity(name)
            .UsingJobData(new JobDataMap { [ActionKey] = action })
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name)
            .ForJob(job)
            .WithSchedule(CronScheduleBuilder.Create(cron).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        await _scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
        if (runNow)
            await _scheduler.TriggerJob(job.Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the job <paramref name="name"/> and its trigger; a run in progress finishes. False when there was none.</summary>
    public async Task<bool> UnscheduleAsync(string name, CancellationToken cancellationToken = default) =>
        await _scheduler.DeleteJob(new JobKey(name), cancellationToken).ConfigureAwait(false);

    /// <summary>Stops the triggers and waits for running jobs to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _scheduler.Shutdown(waitForJobsToComplete: true).ConfigureAwait(false);
        await _factory.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the delegate stored in the job's data.</summary>
    [DisallowConcurrentExecution]
    internal sealed class DelegateJob : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
            await ((Func<CancellationToken, Task>)context.MergedJobDataMap[ActionKey]!).Invoke(cancellationToken).ConfigureAwait(false);
    }
}
