namespace RustIds.Notify;

/// <summary>An auto-reset wake-up for one waiter: <see cref="Set"/> releases the current or next <see cref="WaitAsync"/>.</summary>
/// <remarks>Thread-safe. A set with nobody waiting is remembered once, so a wake-up between "nothing due" and the wait is not lost.</remarks>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the waiter.</summary>
    public void Set()
    {
        lock (_lock)
            _current.TrySetResult();
    }

    /// <summary>Waits for <see cref="Set"/> or until <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    /// <returns>True when signalled, false on timeout.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        Task signalled;
        lock (_lock)
            signalled = _current.Task;
        if (!signalled.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, time, cancelDelay.Token);
            await Task.WhenAny(signalled, delay).ConfigureAwait(false);
            await cancelDelay.CancelAsync().ConfigureAwait(false);
        }
        ct.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_current.Task.IsCompleted)
                return false;
            _current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
