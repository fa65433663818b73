using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RustIds.Engine.Tests;

/// <summary>
/// Debian's chromium, headless, driven over the DevTools protocol (a WebSocket on loopback): open a page,
/// evaluate JavaScript in it. Enough to click a button and read what the page shows.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    public static string? Path => Tool.Find("chromium");

    /// <summary>Starts chromium on <paramref name="url"/> and connects to its page.</summary>
    public static async Task<HeadlessChromium> OpenAsync(Uri url)
    {
        var port = FreePort.Get();
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
        foreach (var argument in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                     "--remote-debugging-address=127.0.0.1", $"--remote-debugging-port={port}", $"--user-data-dir={profile.Path}", url.ToString() })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start chromium");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? socketUrl = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (socketUrl is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "chromium's DevTools endpoint did not come up");
                try
                {
                    var targets = await http.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{port}/json/list"));
                    socketUrl = targets.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page")
                        .Select(t => t.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                if (socketUrl is null)
                    await Task.Delay(100);
            }
            await browser._socket.ConnectAsync(new Uri(socketUrl), CancellationToken.None);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var id = ++_nextId;
        var request = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id,
            method = "Runtime.evaluate",
            @params = new { expression, returnByValue = true, awaitPromise = true },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _socket.SendAsync(request, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        while (true)
        {
            using var message = JsonDocument.Parse(await ReceiveAsync(timeout.Token));
            var root = message.RootElement;
            if (!root.TryGetProperty("id", out var answered) || answered.GetInt32() != id)
                continue; // an event, or an answer to an earlier call
            var result = root.GetProperty("result");
            if (result.TryGetProperty("exceptionDetails", out var exception))
                Assert.Fail("the page threw: " + exception.GetRawText());
            return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
        }
    }

    /// <summary>Evaluates <paramref name="condition"/> until it is true; fails after 30 s with <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(string condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await EvaluateAsync(condition);
            if (value.ValueKind == JsonValueKind.True)
                return;
            // The page text only for the failure message: evaluated eagerly, it threw while the page was still loading (no body yet).
            if (DateTime.UtcNow >= deadline)
                Assert.Fail("timed out waiting for the page to show " + what + "; page text: " +
                    (await EvaluateAsync("document.body ? document.body.innerText : '(no body)'")).GetString());
            await Task.Delay(100); // the page refreshes itself every 2 s; nothing to await but its DOM
        }
    }

    private async Task<string> ReceiveAsync(CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(buffer, cancellation);
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // chromium may already be gone
        }
        _socket.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _profile.Dispose();
    }
}
