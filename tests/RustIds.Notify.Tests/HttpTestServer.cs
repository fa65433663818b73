using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace RustIds.Notify.Tests;

/// <summary>A real HTTP listener on a free loopback port that records requests and answers with <see cref="Status"/>.</summary>
internal sealed class HttpTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private readonly object _lock = new();

    public HttpTestServer(int status = 200, int? port = null)
    {
        Status = status;
        Port = port ?? FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

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

    public void Dispose()
    {
        // Close alone: Stop then Close makes the managed listener remove its endpoint twice, and the second removal
        // binds the port again, failing when another test has taken it meanwhile ("Address already in use").
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The endpoint is gone either way; nothing of the test's outcome depends on it.
        }
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;   // stopped
            }
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
            context.Response.Close();
        }
    }
}
