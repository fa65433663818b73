using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace RustIds.Notify.Tests;

/// <summary>A real HTTP listener on a free loopback port that records requests and answers with <see cref="Status"/>.</summary>
internal sealed class HttpTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public HttpTestServer(int status = 200)
    {
        Status = status;
        Port = FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Status { get; set; }

    public Uri Url(string path = "hooks/rustids") => new($"http://127.0.0.1:{Port}/{path}");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

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
            Requests.Enqueue(new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.AbsolutePath,
                context.Request.ContentType,
                context.Request.Headers[WebhookChannel.SignatureHeader],
                body.ToArray()));
            context.Response.StatusCode = Status;
            var reply = Encoding.UTF8.GetBytes(Status < 300 ? "ok" : $"status {Status} from test server");
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }
}
