using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RustIds.Notify;

namespace RustIds.Engine.Pipeline;

/// <summary>
/// Sends block notices on their own task, so a slow SMTP server or webhook never delays the next
/// block. A stop drains what is queued before returning.
/// </summary>
/// <remarks>The durable SQLite outbox that survives a crash is issue #7; until then the queue is in memory.</remarks>
public sealed partial class NotificationQueue : IAsyncDisposable
{
    private readonly Channel<BlockNotice> _queue = Channel.CreateUnbounded<BlockNotice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NotificationDispatcher _dispatcher;
    private readonly ILogger<NotificationQueue> _logger;
    private readonly Task _sender;
    private long _sent;
    private long _failed;

    public NotificationQueue(NotificationDispatcher dispatcher, ILogger<NotificationQueue> logger)
    {
        _dispatcher = dispatcher;
        _logger = logger;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Channel deliveries that succeeded.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Channel deliveries that failed (logged with the reason).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Enqueue(BlockNotice notice)
    {
        if (!_queue.Writer.TryWrite(notice))
            LogQueueClosed(_logger, notice.Address.ToString());
    }

    /// <summary>Stops accepting notices and waits for the queued ones to be sent.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
    }

    private async Task SendLoopAsync()
    {
        await foreach (var notice in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var results = await _dispatcher.DispatchAsync(notice, CancellationToken.None).ConfigureAwait(false);
            foreach (var result in results)
            {
                if (result.Succeeded)
                    Interlocked.Increment(ref _sent);
                else
                    Interlocked.Increment(ref _failed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification for {Address} dropped: the queue is closed")]
    private static partial void LogQueueClosed(ILogger logger, string address);
}
