using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>The packet sources of a run, one per capture worker, opened together and closed together.</summary>
internal sealed class CaptureSources : IDisposable
{
    private readonly List<IPacketSource> _sources;

    private CaptureSources(List<IPacketSource> sources) => _sources = sources;

    public int Count => _sources.Count;

    public IPacketSource this[int index] => _sources[index];

    /// <summary>Opens every worker's source; if one fails, the ones already open are closed and the error propagates.</summary>
    public static CaptureSources Open(RunRequest request)
    {
        var sources = new List<IPacketSource>();
        try
        {
            if (request.Workers <= 1 || request.OpenWorkerSource is null)
            {
                sources.Add(request.OpenSource());
            }
            else
            {
                for (var i = 0; i < request.Workers; i++)
                    sources.Add(request.OpenWorkerSource(i));
            }
            return new CaptureSources(sources);
        }
        catch
        {
            foreach (var source in sources)
                source.Dispose();
            throw;
        }
    }

    /// <summary>Makes every live source's read return, so the workers see the stop at once.</summary>
    public void BreakAll()
    {
        foreach (var source in _sources)
            (source as LiveCaptureSource)?.BreakLoop();
    }

    /// <summary>Kernel counters summed over the live sources, or null when none is live (a replay).</summary>
    public CaptureStatistics? Statistics()
    {
        CaptureStatistics? total = null;
        foreach (var source in _sources)
        {
            if (source is not LiveCaptureSource live)
                continue;
            var stats = live.GetStatistics();
            total = total is { } t
                ? new CaptureStatistics(t.Received + stats.Received, t.Dropped + stats.Dropped, t.InterfaceDropped + stats.InterfaceDropped)
                : stats;
        }
        return total;
    }

    public void Dispose()
    {
        foreach (var source in _sources)
            source.Dispose();
    }
}
