using System.Collections.Concurrent;
using System.Net;

namespace RustIds.Reputation.Tests.Feeds.Refresh;

/// <summary>A real HTTP listener on a free loopback port; each request is answered by <see cref="Handler"/> and its headers recorded.</summary>
internal sealed class FeedTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FeedTestServer()
    {
        Port = FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url(string path = "feed.txt") => new($"http://127.0.0.1:{Port}/{path}");

    /// <summary>Answers a request; the default sends 404.</summary>
    public Func<HttpListenerRequest, HttpListenerResponse, Task> Handler { get; set; } = (_, response) =>
    {
        response.StatusCode = 404;
        return Task.CompletedTask;
    };

    /// <summary>Request headers as received, in order.</summary>
    public ConcurrentQueue<WebHeaderCollection> Requests { get; } = new();

    public void Dispose()
    {
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Gone either way.
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
                return;
            }
            _ = Task.Run(async () =>
            {
                var headers = new WebHeaderCollection();
                headers.Add(context.Request.Headers);
                Requests.Enqueue(headers);
                try
                {
                    await Handler(context.Request, context.Response);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
                {
                    // The client gave up (a timeout test); nothing to answer.
                }
            });
        }
    }
}
