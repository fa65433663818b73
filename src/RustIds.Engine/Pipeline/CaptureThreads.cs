namespace RustIds.Engine.Pipeline;

/// <summary>Starts one thread per detection loop and reports when the last one has ended.</summary>
internal static class CaptureThreads
{
    /// <param name="loops">One loop per capture worker.</param>
    /// <param name="stop">Ends every loop.</param>
    /// <param name="allDone">Called once, on the thread of the last loop to end (completes the alert channel).</param>
    /// <param name="failed">Called when a loop ends on a capture error, to stop the others: a run is whole or stopped.</param>
    public static Task Start(IReadOnlyList<DetectionLoop> loops, CancellationToken stop, Action allDone, Action failed)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = loops.Count;
        for (var i = 0; i < loops.Count; i++)
        {
            var loop = loops[i];
            var thread = new Thread(() =>
            {
                try
                {
                    loop.Run(stop);
                }
                finally
                {
                    if (loop.Failed)
                        failed();
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        allDone();
                        done.TrySetResult();
                    }
                }
            })
            { Name = $"rustids-capture-{i}", IsBackground = true };
            thread.Start();
        }
        return done.Task;
    }
}
