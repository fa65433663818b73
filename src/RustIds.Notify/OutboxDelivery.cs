using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace RustIds.Notify;

/// <summary>
/// One delivery worker per channel: takes the channel's due rows from the <see cref="NotificationOutbox"/>
/// oldest first, sends each (Polly retries transient failures in process), and records the outcome in the
/// row: sent, due again later, or failed for good.
/// </summary>
/// <remarks>
/// A slow or dead channel delays only its own rows. A round that still fails after its in-process retries
/// goes back to the table with <c>next_attempt_at</c> pushed out exponentially (with jitter), so an outage
/// of hours holds no thread and loses nothing. Permanent failures (HTTP 4xx other than 408/429, SMTP 5xx,
/// a bad certificate) are not retried. Delivery is at least once: a send cut off by the stop deadline is
/// tried again at the next start. Thread-safe.
/// </remarks>
public sealed partial class OutboxDelivery : IAsyncDisposable
{
    /// <summary>Longest sleep while idle: the table is looked at again even without a wake-up (rows written by another process, a clock jump).</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(30);

    private readonly NotificationOutbox _outbox;
    private readonly INotificationChannel[] _channels;
    // The settings each worker sends with, by channel name; a reload swaps them without stopping the worker.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, INotificationChannel> _current = new(StringComparer.Ordinal);
    private readonly OutboxOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    // Built on the first delivery: Polly validates its options by reflection, a tenth of a replay's start-up, for nothing
    // when no channel is configured.
    private readonly Lazy<ResiliencePipeline> _retry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Task[] _workers;
    private long _sent;
    private long _failedAttempts;
    private long _failedForGood;
    private int _stopped;

    /// <summary>Starts one worker per channel.</summary>
    /// <param name="outbox">The outbox; every channel must be one it queues for.</param>
    /// <param name="channels">The channels, with unique names.</param>
    /// <param name="options">Retry and stop settings.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">A channel is unknown to the outbox, or the options are invalid.</exception>
    public OutboxDelivery(NotificationOutbox outbox, IEnumerable<INotificationChannel> channels, OutboxOptions options, ILogger<OutboxDelivery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate("Notify:Outbox");
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _outbox = outbox;
        _channels = channels.ToArray();
        var unknown = _channels.Where(c => !outbox.Channels.Contains(c.Name)).Select(c => c.Name).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException("Channels not known to the outbox: " + string.Join(", ", unknown), nameof(channels));
        _options = options;
        _logger = logger ?? NullLogger<OutboxDelivery>.Instance;
        _time = outbox.Time;
        _retry = new(() => BuildRetry(options, _time, _logger));
        foreach (var channel in _channels)
            _current[channel.Name] = channel;
        _workers = _channels.Select(c => Task.Run(() => RunAsync(c.Name))).ToArray();
    }

    /// <summary>
    /// New settings for the running channels (a configuration reload): each channel of the same name sends with its
    /// new settings from its next delivery on. A channel added or removed needs a restart (its worker and queue are
    /// made at start); those are returned, and the others are still swapped.
    /// </summary>
    /// <returns>The names of channels that were added or removed, which take effect at the next start.</returns>
    public IReadOnlyList<string> ReplaceChannels(IEnumerable<INotificationChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var next = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var (name, channel) in next)
        {
            if (_current.ContainsKey(name))
                _current[name] = channel;
        }
        return [.. next.Keys.Where(n => !_current.ContainsKey(n)).Concat(_current.Keys.Where(n => !next.ContainsKey(n))).Order(StringComparer.Ordinal)];
    }

    /// <summary>Rows delivered since start.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Delivery rounds that failed since start (each retried later unless counted in <see cref="FailedForGood"/>).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Rows given up since start (permanent error or too many rounds).</summary>
    public long FailedForGood => Interlocked.Read(ref _failedForGood);

    /// <summary>
    /// Stops the workers: each first sends what is due now, until <paramref name="deadline"/>; then sends in flight
    /// are cancelled. Whatever is left stays queued in SQLite for the next start.
    /// </summary>
    public async Task StopAsync(TimeSpan deadline)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _abort.CancelAfter(deadline);
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    /// <summary>Stops with <see cref="OutboxOptions.StopTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_options.StopTimeout).ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync(string name)
    {
        var signal = _outbox.SignalFor(name);
        var store = _outbox.Store;
        while (!_abort.IsCancellationRequested)
        {
            OutboxItem? item;
            DateTimeOffset? nextAt = null;
            try
            {
                item = store.NextDue(name, _time.GetUtcNow());
                if (item is null)
                    nextAt = store.NextAttemptAt(name);
            }
            catch (SqliteException ex)
            {
                LogStoreFailed(_logger, ex, name);
                item = null;
            }
            if (item is null)
            {
                // Draining on stop ends when nothing more is due now; backed-off rows wait for the next start.
                if (_stopping.IsCancellationRequested)
                    return;
                var wait = nextAt is { } at ? at - _time.GetUtcNow() : IdlePoll;
                try
                {
                    await signal.WaitAsync(wait < IdlePoll ? wait : IdlePoll, _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stop requested: one more pass to drain what is due.
                }
                continue;
            }
            await DeliverAsync(_current[name], item).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(INotificationChannel channel, OutboxItem item)
    {
        var rounds = item.Rounds + 1;
        string answer;
        try
        {
            answer = await _retry.Value.ExecuteAsync(static async (state, ct) =>
            {
                var (self, channel, item) = state;
                return item.IsDigest
                    ? await channel.SendDigestAsync(self._outbox.LoadDigest(item), ct).ConfigureAwait(false)
                    : await channel.SendAsync(NoticeJsonReader.Read(item.Payload), ct).ConfigureAwait(false);
            }, (this, channel, item), _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Cut off by the stop deadline: the row stays pending, untouched, for the next start.
            return;
        }
        catch (NotificationException ex)
        {
            Interlocked.Increment(ref _failedAttempts);
            Record(() => Failed(channel, item, rounds, ex.Message, ex.IsTransient, ex.RetryAfter));
            return;
        }
        catch (JsonException ex)
        {
            // A row this build cannot read will never become readable: give it up, keep it for inspection.
            Interlocked.Increment(ref _failedAttempts);
            Record(() => Failed(channel, item, rounds, "unreadable row: " + ex.Message, transient: false, retryAfter: null));
            return;
        }
        Record(() => _outbox.Store.MarkSent(item.Id, rounds, answer, _time.GetUtcNow()));
        Interlocked.Increment(ref _sent);
    }

    private void Failed(INotificationChannel channel, OutboxItem item, int rounds, string error, bool transient, TimeSpan? retryAfter)
    {
        var now = _time.GetUtcNow();
        if (!transient || rounds >= _options.MaxRounds)
        {
            // Stored first, counted second: whoever sees the count also finds the row marked.
            _outbox.Store.MarkFailed(item.Id, rounds, error, now);
            Interlocked.Increment(ref _failedForGood);
            LogGaveUp(_logger, channel.Name, item.Id, rounds, error);
            return;
        }
        var delay = RequeueDelay(rounds);
        if (retryAfter is { } asked && asked > delay)
            delay = asked;
        _outbox.Store.MarkRetry(item.Id, rounds, error, now + delay);
        LogRequeued(_logger, channel.Name, item.Id, rounds, delay.TotalSeconds, error);
    }

    /// <summary>The delay before round <paramref name="rounds"/> + 1: the base doubled per round, capped, with ±20 % jitter so channels recovering together do not retry in step.</summary>
    private TimeSpan RequeueDelay(int rounds)
    {
        var exponent = Math.Min(rounds - 1, 30);
        var ticks = Math.Min(_options.RequeueDelay.Ticks * Math.Pow(2, exponent), _options.RequeueMaxDelay.Ticks);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }

    private void Record(Action write)
    {
        try
        {
            write();
        }
        catch (SqliteException ex)
        {
            // The outcome is lost, not the notice: the row is still pending and is delivered again (at least once).
            LogStoreFailed(_logger, ex, "outcome");
        }
    }

    private static ResiliencePipeline BuildRetry(OutboxOptions options, TimeProvider time, ILogger logger)
    {
        if (options.RetriesPerRound == 0)
            return ResiliencePipeline.Empty;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        return builder.AddRetry(new RetryStrategyOptions
        {
            // Transient only, and only when the server's Retry-After fits in a round; a longer one is honoured by requeueing.
            ShouldHandle = new PredicateBuilder().Handle<NotificationException>(ex => ex.IsTransient && !(ex.RetryAfter > options.RetryMaxDelay)),
            MaxRetryAttempts = options.RetriesPerRound,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            MaxDelay = options.RetryMaxDelay,
            DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is NotificationException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            OnRetry = args =>
            {
                LogRetrying(logger, (args.Outcome.Exception as NotificationException)?.Channel ?? "?", args.AttemptNumber + 1, args.RetryDelay.TotalSeconds,
                    args.Outcome.Exception?.Message ?? "");
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel}: retry {Attempt} in {DelaySeconds:0.##} s after: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string channel, int attempt, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel}: outbox row {Id} not delivered (round {Round}); next round in {DelaySeconds:0} s: {Reason}")]
    private static partial void LogRequeued(ILogger logger, string channel, long id, int round, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Channel}: outbox row {Id} failed for good after {Rounds} round(s): {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string channel, long id, int rounds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox database access failed ({Channel}); delivery retries at the next tick")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string channel);
}
