using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RustIds.Notify.Tests;

/// <summary>
/// A real HTTP listener on loopback that answers like an OpenAI-compatible chat-completions API
/// (<c>POST /v1/chat/completions</c>), recording each request. What it answers is set per test.
/// </summary>
internal sealed class ChatCompletionsServer : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatCompletionsServer()
    {
        // Concurrent: a held answer (the timeout test) must not hold back the next request.
        _server = new LoopbackHttpServer(AnswerAsync, concurrent: true);
    }

    /// <summary>The base URL a configuration gives: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => _server.Url("v1");

    public int Status { get; set; } = 200;

    /// <summary>The <c>choices[0].message.content</c> of a 200 answer.</summary>
    public string Content { get; set; } = "Rewritten summary.";

    /// <summary>When set, the whole body of the answer instead of a chat completion.</summary>
    public string? RawBody { get; set; }

    /// <summary>Answer only when the test ends (slower than any timeout).</summary>
    public bool Hold { get; set; }

    public ConcurrentQueue<ChatRequest> Requests { get; } = new();

    public void Dispose()
    {
        _release.TrySetResult();
        _server.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        Requests.Enqueue(new ChatRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
            context.Request.ContentType, body.ToArray()));
        if (Hold)
            await _release.Task;
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        var answer = RawBody ?? (Status == 200 ? Completion(Content) : """{"error":{"message":"model crashed","type":"server_error"}}""");
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(answer));
    }

    /// <summary>A chat completion as OpenAI's API returns it.</summary>
    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        created = 1_796_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 400, completion_tokens = 80, total_tokens = 480 },
    });
}
