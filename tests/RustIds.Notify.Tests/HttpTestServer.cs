using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace RustIds.Notify.Tests;

/// <summary>A real HTTP listener on a free loopback port that records requests and answers with <see cref="Status"/>.</summary>
internal sealed class HttpTestServer : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly object _lock = new();

    public HttpTestServer(int status = 200, int? port = null)
    {
        Status = status;
        _server = new LoopbackHttpServer(AnswerAsync, port);
    }

    public int Port => _server.Port;

    public int Status { get; set; }

    public Uri Url(string path = "hooks/rustids") => new($"http://127.0.0.1:{Port}/{path}");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers for the next requests, in order (status, Retry-After header or null); then <see cref="Status"/>.</summary>
    public ConcurrentQueue<(int Status, string? RetryAfter)> Script { get; } = new();

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; returns them.</summary>
    public RecordedRequest[] WaitForRequests(int count, TimeSpan timeout)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        lock (_lock)
        {
            while (Requests.Count < count)
            {
                var left = timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"{Requests.Count} of {count} requests after {timeout}");
                Monitor.Wait(_lock, left);
            }
        }
        return Requests.ToArray();
    }

    public void Dispose() => _server.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        // Recorded before the answer, so a client that has its answer finds its request here.
        lock (_lock)
        {
            Requests.Enqueue(new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.ContentType,
                context.Request.Headers[WebhookChannel.SignatureHeader],
                body.ToArray(),
                System.Diagnostics.Stopwatch.GetTimestamp()));
            Monitor.PulseAll(_lock);
        }
        var (status, retryAfter) = Script.TryDequeue(out var scripted) ? scripted : (Status, null);
        context.Response.StatusCode = status;
        if (retryAfter is not null)
            context.Response.Headers["Retry-After"] = retryAfter;
        var reply = Encoding.UTF8.GetBytes(status < 300 ? "ok" : $"status {status} from test server");
        await context.Response.OutputStream.WriteAsync(reply);
    }
}
