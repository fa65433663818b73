using RustIds.Engine.Scheduling;

namespace RustIds.Engine.Tests;

public sealed class MaintenanceSchedulerTests
{
    [Fact]
    public async Task ScheduleEveryAsync_SlowJob_RepeatsButNeverOverlapsItself()
    {
        var runs = 0;
        var running = 0;
        var overlapped = false;
        var threeRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var scheduler = await MaintenanceScheduler.StartAsync())
        {
            // Every 50 ms, but each run takes 120 ms: ticks that fall inside a run are skipped, not stacked.
            await scheduler.ScheduleEveryAsync("slow", TimeSpan.FromMilliseconds(50), async _ =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                await Task.Delay(120);
                Interlocked.Decrement(ref running);
                if (Interlocked.Increment(ref runs) == 3)
                    threeRuns.TrySetResult();
            });

            await threeRuns.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.False(overlapped);
        var afterDispose = Volatile.Read(ref runs);
        await Task.Delay(300);
        Assert.Equal(afterDispose, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task ScheduleEveryAsync_JobThrows_KeepsItsSchedule()
    {
        var runs = 0;
        var secondRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var scheduler = await MaintenanceScheduler.StartAsync();

        await scheduler.ScheduleEveryAsync("failing", TimeSpan.FromMilliseconds(50), _ =>
        {
            if (Interlocked.Increment(ref runs) >= 2)
                secondRun.TrySetResult();
            throw new InvalidOperationException("job failure");
        });

        await secondRun.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Volatile.Read(ref runs) >= 2);
    }

    [Fact]
    public async Task ScheduleCronAsync_EverySecond_FiresRepeatedly_AndRunNowFiresAtOnce()
    {
        var cronRuns = 0;
        var twoRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var immediate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var scheduler = await MaintenanceScheduler.StartAsync();

        await scheduler.ScheduleCronAsync("every-second", "* * * * * ?", _ =>
        {
            if (Interlocked.Increment(ref cronRuns) == 2)
                twoRuns.TrySetResult();
            return Task.CompletedTask;
        });
        // Next fire years away: only runNow can start it within the test.
        await scheduler.ScheduleCronAsync("yearly", "0 0 0 1 1 ? 2099", _ =>
        {
            immediate.TrySetResult();
            return Task.CompletedTask;
        }, runNow: true);

        await twoRuns.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await immediate.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ScheduleCronAsync_InvalidExpression_ThrowsFormatException()
    {
        await using var scheduler = await MaintenanceScheduler.StartAsync();
        await Assert.ThrowsAsync<FormatException>(() => scheduler.ScheduleCronAsync("bad", "every six hours", _ => Task.CompletedTask));
    }
}
