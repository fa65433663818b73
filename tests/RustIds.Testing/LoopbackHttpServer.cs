using System.Net;

namespace RustIds.Testing;

/// <summary>
/// A real HTTP listener on a loopback port (a free one unless given); each request is handed to the handler, which
/// answers it. The shared base of the tests' webhook receivers and feed servers.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly bool _concurrent;
    private readonly Task _loop;

    /// <param name="handle">Answers one request; the response is closed after it returns.</param>
    /// <param name="port">The port, or null for a free one.</param>
    /// <param name="concurrent">Handle requests in parallel (a slow answer must not hold back the next request).</param>
    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle, int? port = null, bool concurrent = false)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
        _concurrent = concurrent;
        Port = port ?? FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

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
            var answer = AnswerAsync(context);
            if (!_concurrent)
                await answer;
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout test) or the server is stopping: nothing to answer.
        }
    }
}
