namespace RustIds.Packets;

/// <summary>Replays another source through a <see cref="NetworkModel"/>: frames delayed (in order) and some dropped, deterministically per seed.</summary>
public sealed class NetworkModelSource : IPacketSource
{
    private readonly IPacketSource _inner;
    private readonly NetworkModel _model;
    private readonly Random _random;
    private long _lastDelivered = long.MinValue;

    public NetworkModelSource(IPacketSource inner, NetworkModel model)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Problem is { } problem)
            throw new ArgumentException(problem, nameof(model));
        _inner = inner;
        _model = model;
        _random = new Random(model.Seed);
    }

    /// <summary>Frames the model dropped.</summary>
    public long Dropped { get; private set; }

    public LinkType LinkType => _inner.LinkType;

    public string? LastError => _inner.LastError;

    public PacketReadResult ReadNext(out RawFrame frame)
    {
        while (true)
        {
            var result = _inner.ReadNext(out var original);
            if (result != PacketReadResult.Packet)
            {
                frame = original;
                return result;
            }
            // Both draws happen for every frame, so a frame's fate does not depend on the ones dropped before it.
            var lost = _random.NextDouble() < _model.Loss;
            var extra = (long)(_random.NextDouble() * _model.Jitter.Ticks);
            if (lost)
            {
                Dropped++;
                continue;
            }
            var delivered = Math.Max(original.TimestampTicks + _model.Latency.Ticks + extra, _lastDelivered);
            _lastDelivered = delivered;
            frame = new RawFrame(original.Data, delivered, original.WireLength);
            return result;
        }
    }

    public void Dispose() => _inner.Dispose();
}
