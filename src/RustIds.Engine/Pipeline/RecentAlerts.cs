using RustIds.Detection;
using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// The alerts each address raised within a sliding window, so several weak alerts add up to one score.
/// </summary>
/// <remarks>Used by the single response consumer only; not thread-safe. Memory is bounded by the window.</remarks>
public sealed class RecentAlerts(TimeSpan window)
{
    private readonly Dictionary<IpAddr, List<Alert>> _byAddress = [];
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Adds <paramref name="alert"/> and returns the address's alerts still inside the window.</summary>
    public IReadOnlyList<Alert> Add(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = alert.Timestamp;
        if (now - _lastSweep > window)
            Sweep(now);
        if (!_byAddress.TryGetValue(alert.Offender, out var list))
            _byAddress[alert.Offender] = list = [];
        list.RemoveAll(a => now - a.Timestamp > window);
        list.Add(alert);
        return list.ToArray();
    }

    /// <summary>Forgets an address, e.g. once it is blocked, so the next block starts from fresh evidence.</summary>
    public void Forget(IpAddr address) => _byAddress.Remove(address);

    private void Sweep(DateTimeOffset now)
    {
        _lastSweep = now;
        foreach (var (address, list) in _byAddress)
        {
            list.RemoveAll(a => now - a.Timestamp > window);
            if (list.Count == 0)
                _byAddress.Remove(address);
        }
    }
}
