using System.Collections.Concurrent;
using System.Net;

namespace RustIds.Reputation.Tests.Feeds.Refresh;

/// <summary>A feed server for the tests: each request is answered by <see cref="Handler"/> and its headers recorded.</summary>
internal sealed class FeedTestServer : IDisposable
{
    private readonly LoopbackHttpServer _server;

    // Concurrent: a timeout test's slow answer must not hold back the next test request.
    public FeedTestServer() => _server = new LoopbackHttpServer(AnswerAsync, concurrent: true);

    public Uri Url(string path = "feed.txt") => _server.Url(path);

    /// <summary>Answers a request; the default sends 404.</summary>
    public Func<HttpListenerRequest, HttpListenerResponse, Task> Handler { get; set; } = (_, response) =>
    {
        response.StatusCode = 404;
        return Task.CompletedTask;
    };

    /// <summary>Request headers as received, in order.</summary>
    public ConcurrentQueue<WebHeaderCollection> Requests { get; } = new();

    public void Dispose() => _server.Dispose();

    private Task AnswerAsync(HttpListenerContext context)
    {
        var headers = new WebHeaderCollection();
        headers.Add(context.Request.Headers);
        Requests.Enqueue(headers);
        return Handler(context.Request, context.Response);
    }
}
