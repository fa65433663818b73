using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Notify;

/// <summary>
/// Sends each notice to every configured channel concurrently, isolates channel failures (logged
/// once and counted per channel) and reports a result per channel.
/// </summary>
/// <remarks>
/// A failing channel never makes <see cref="DispatchAsync"/> throw; only cancellation of the
/// caller's token does. One attempt per channel: the running daemon delivers through
/// <see cref="NotificationOutbox"/> and <see cref="OutboxDelivery"/>, which retry; this is for
/// <c>rustids notify test</c>, which wants each server's answer at once. Thread-safe.
/// </remarks>
public sealed partial class NotificationDispatcher
{
    private readonly INotificationChannel[] _channels;
    private readonly FrozenDictionary<string, int> _indexByName;
    private readonly long[] _failures;
    private readonly long[] _successes;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="channels">Channels with unique names.</param>
    /// <param name="logger">Optional logger.</param>
    /// <param name="timeProvider">Clock for measuring attempts; the system clock by default.</param>
    public NotificationDispatcher(IEnumerable<INotificationChannel> channels, ILogger<NotificationDispatcher>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels.ToArray();
        var duplicates = _channels.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
            throw new ArgumentException("Channel names must be unique; duplicated: " + string.Join(", ", duplicates), nameof(channels));
        _indexByName = _channels.Select((c, i) => (c.Name, i)).ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _failures = new long[_channels.Length];
        _successes = new long[_channels.Length];
        _logger = logger ?? NullLogger<NotificationDispatcher>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Names of the channels, in configuration order.</summary>
    public IReadOnlyList<string> ChannelNames => _channels.Select(c => c.Name).ToArray();

    /// <summary>Failed deliveries through <paramref name="channel"/> since start; 0 for an unknown name.</summary>
    public long FailureCount(string channel) =>
        _indexByName.TryGetValue(channel, out var i) ? Interlocked.Read(ref _failures[i]) : 0;

    /// <summary>Successful deliveries through <paramref name="channel"/> since start; 0 for an unknown name.</summary>
    public long SuccessCount(string channel) =>
        _indexByName.TryGetValue(channel, out var i) ? Interlocked.Read(ref _successes[i]) : 0;

    /// <summary>Sends <paramref name="notice"/> to every channel and waits for all of them.</summary>
    /// <returns>One result per channel, in configuration order.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ChannelResult>> DispatchAsync(BlockNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var attempts = new Task<ChannelResult>[_channels.Length];
        for (var i = 0; i < _channels.Length; i++)
            attempts[i] = SendOneAsync(i, notice, ct);
        var results = await Task.WhenAll(attempts).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return results;
    }

    private async Task<ChannelResult> SendOneAsync(int index, BlockNotice notice, CancellationToken ct)
    {
        var channel = _channels[index];
        var started = _time.GetTimestamp();
        try
        {
            // Yield first so one channel's synchronous prefix cannot delay the others.
            await Task.Yield();
            var answer = await channel.SendAsync(notice, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _successes[index]);
            return new ChannelResult(channel.Name, true, _time.GetElapsedTime(started), null, false, answer);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new ChannelResult(channel.Name, false, _time.GetElapsedTime(started), "cancelled", true);
        }
        catch (NotificationException ex)
        {
            var failures = Interlocked.Increment(ref _failures[index]);
            LogChannelFailed(_logger, channel.Name, notice.Address.ToString(), ex.IsTransient, failures, ex.Message);
            return new ChannelResult(channel.Name, false, _time.GetElapsedTime(started), ex.Message, ex.IsTransient);
        }
        catch (Exception ex)
        {
            // A channel bug must not cost the other channels their notice; logged with the stack trace.
            var failures = Interlocked.Increment(ref _failures[index]);
            LogChannelCrashed(_logger, ex, channel.Name, notice.Address.ToString(), failures);
            return new ChannelResult(channel.Name, false, _time.GetElapsedTime(started), ex.GetType().Name + ": " + ex.Message, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice for {Address} not delivered by {Channel} (transient: {IsTransient}, failures: {Failures}): {Reason}")]
    private static partial void LogChannelFailed(ILogger logger, string channel, string address, bool isTransient, long failures, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel {Channel} failed unexpectedly on the notice for {Address} (failures: {Failures})")]
    private static partial void LogChannelCrashed(ILogger logger, Exception exception, string channel, string address, long failures);
}
