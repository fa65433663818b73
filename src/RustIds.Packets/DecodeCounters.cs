using System.Diagnostics.Metrics;

namespace RustIds.Packets;

/// <summary>Frames and bytes seen by one capture worker, by decode outcome.</summary>
/// <remarks>
/// One writer (the worker thread) increments plain fields; readers on other threads see values
/// at most one packet old, which is fine for counters (64-bit reads do not tear on x64/arm64).
/// When built with a <see cref="Meter"/>, publishes observable counters
/// <c>rustids.packets.frames</c> (tag <c>status</c>) and <c>rustids.packets.bytes</c>.
/// </remarks>
public sealed class DecodeCounters
{
    /// <summary>Name of the meter <see cref="CreateMeter"/> returns.</summary>
    public const string MeterName = "RustIds.Packets";

    private long _ok;
    private long _truncated;
    private long _malformed;
    private long _unsupported;
    private long _bytes;
    private readonly long[] _errorsByLayer = new long[LayerCount * StatusCount];
    private const int LayerCount = (int)DecodeLayer.Other + 1;
    private const int StatusCount = (int)DecodeStatus.Unsupported + 1;

    public DecodeCounters()
    {
    }

    /// <summary>Counts into fields and publishes them through <paramref name="meter"/>.</summary>
    public DecodeCounters(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableCounter("rustids.packets.frames", ObserveFrames, unit: "{frame}", description: "Frames decoded, by outcome.");
        meter.CreateObservableCounter("rustids.packets.bytes", () => Bytes, unit: "By", description: "Wire bytes of all frames seen.");
    }

    public long Packets => Ok + Truncated + Malformed + Unsupported;

    public long Bytes => Volatile.Read(ref _bytes);

    public long Ok => Volatile.Read(ref _ok);

    public long Truncated => Volatile.Read(ref _truncated);

    public long Malformed => Volatile.Read(ref _malformed);

    public long Unsupported => Volatile.Read(ref _unsupported);

    /// <summary>A meter named <see cref="MeterName"/>; the host owns and disposes it.</summary>
    public static Meter CreateMeter() => new(MeterName);

    /// <summary>Counts one frame of <paramref name="wireLength"/> bytes with its decode outcome.</summary>
    public void Count(DecodeStatus status, int wireLength) => Count(status, DecodeLayer.Other, wireLength);

    /// <summary>Counts one frame with its outcome and, for a failure, the layer it failed in.</summary>
    public void Count(DecodeStatus status, DecodeLayer layer, int wireLength)
    {
        if (status != DecodeStatus.Ok && (uint)layer < LayerCount)
            _errorsByLayer[(int)layer * StatusCount + (int)status]++;
        _bytes += wireLength;
        switch (status)
        {
            case DecodeStatus.Ok:
                _ok++;
                break;
            case DecodeStatus.Truncated:
                _truncated++;
                break;
            case DecodeStatus.Malformed:
                _malformed++;
                break;
            default:
                _unsupported++;
                break;
        }
    }

    /// <summary>Frames counted with <paramref name="status"/>.</summary>
    public long Get(DecodeStatus status) => status switch
    {
        DecodeStatus.Ok => Ok,
        DecodeStatus.Truncated => Truncated,
        DecodeStatus.Malformed => Malformed,
        _ => Unsupported,
    };

    /// <summary>Frames that failed with <paramref name="status"/> while <paramref name="layer"/> was decoded.</summary>
    public long Get(DecodeLayer layer, DecodeStatus status) =>
        (uint)layer < LayerCount ? Volatile.Read(ref _errorsByLayer[(int)layer * StatusCount + (int)status]) : 0;

    private IEnumerable<Measurement<long>> ObserveFrames()
    {
        yield return new Measurement<long>(Ok, new KeyValuePair<string, object?>("status", "ok"));
        yield return new Measurement<long>(Truncated, new KeyValuePair<string, object?>("status", "truncated"));
        yield return new Measurement<long>(Malformed, new KeyValuePair<string, object?>("status", "malformed"));
        yield return new Measurement<long>(Unsupported, new KeyValuePair<string, object?>("status", "unsupported"));
    }
}
