using RustIds.Detection;
using RustIds.Notify;

namespace RustIds.Engine.Pipeline;

/// <summary>The latest alerts the response stage handled, with what it did, for the API and dashboard. Bounded; thread-safe.</summary>
public sealed class AlertLog(int capacity = 1000)
{
    private readonly (Alert Alert, EveAlertAction Action)[] _ring = new (Alert, EveAlertAction)[capacity];
    private readonly Lock _lock = new();
    private long _written;

    public void Add(Alert alert, EveAlertAction action)
    {
        lock (_lock)
        {
            _ring[_written % _ring.Length] = (alert, action);
            _written++;
        }
    }

    /// <summary>Up to <paramref name="limit"/> alerts, newest first.</summary>
    public IReadOnlyList<(Alert Alert, EveAlertAction Action)> Latest(int limit)
    {
        lock (_lock)
        {
            var count = (int)Math.Min(Math.Min(limit, _ring.Length), _written);
            var result = new (Alert, EveAlertAction)[count];
            for (var i = 0; i < count; i++)
                result[i] = _ring[(_written - 1 - i) % _ring.Length];
            return result;
        }
    }
}
