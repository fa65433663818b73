using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace RustIds.Cli.Tests;

/// <summary><c>rustids notify test</c> against a real aiosmtpd and a real HTTP listener.</summary>
public sealed class NotifyCommandTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task NotifyTest_RealSmtpAndHttpListener_PrintsEachServersAnswerAndSignsTheBody()
    {
        Skip.IfNot(File.Exists(Python) && Tool.Run(Python, "-c", "import aiosmtpd").ExitCode == 0, "needs Debian's python3-aiosmtpd");
        var smtpPort = FreePort.Get();
        using var smtp = StartSmtp(smtpPort);
        var httpPort = FreePort.Get();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{httpPort}/");
        listener.Start();
        var received = ReceiveOneAsync(listener);
        var config = _temp.File("rustids.json");
        File.WriteAllText(config, $$"""
            { "Notify": { "Webhooks": [ { "Url": "http://127.0.0.1:{{httpPort}}/hooks/token", "Secret": "cli-secret" } ] } }
            """);

        var result = CliRunner.Run("notify", "test", "--config", config, "--smtp", $"127.0.0.1:{smtpPort}", "--to", "soc@example.org");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"email: SMTP 127.0.0.1:{smtpPort} says:", result.Output, StringComparison.Ordinal);
        Assert.Contains("  220 ", result.Output, StringComparison.Ordinal);
        Assert.Contains($"email (127.0.0.1:{smtpPort} to soc@example.org): ok in", result.Output, StringComparison.Ordinal);
        Assert.Contains($"250 message accepted by 127.0.0.1:{smtpPort}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"webhook (http://127.0.0.1:{httpPort}, generic, signed): ok in", result.Output, StringComparison.Ordinal);
        Assert.Contains("202 Accepted: queued by the test listener", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks/token", result.Output, StringComparison.Ordinal);
        var (body, signature) = await received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("cli-secret"u8, body)), signature);
        Assert.Contains("\"event\":\"test\"", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.True(SpinWait.SpinUntil(() => smtp.Output.Contains("END MESSAGE", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), smtp.Output);
        Assert.Contains("Subject: [rustids]", smtp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NotifyTest_NothingListening_ExitsThreeAndSaysTransient()
    {
        var port = FreePort.Get();

        var result = CliRunner.Run("notify", "test", "--webhook-url", $"http://127.0.0.1:{port}/x");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"webhook (http://127.0.0.1:{port}, generic): FAILED", result.Output, StringComparison.Ordinal);
        Assert.Contains("transient, the daemon would retry", result.Output, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--smtp", "no-port", "is not HOST:PORT")]
    [InlineData("--webhook-url", "ftp://x", "is not an http(s) URL")]
    [InlineData("--to", "not-an-address", "is not an email address")]
    public void NotifyTest_BadOverride_ExitsOneWithTheReason(string option, string value, string message)
    {
        var result = CliRunner.Run("notify", "test", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NotifyTest_NoChannel_ExitsOneAndSaysHowToGiveOne()
    {
        var empty = _temp.File("empty.json");
        File.WriteAllText(empty, "{}");

        var result = CliRunner.Run("notify", "test", "--config", empty);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no channel to test", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NotifyTestHelp_TeachesOptionsAndExamples()
    {
        var result = CliRunner.Run("notify", "test", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var text in new[] { "--email", "--webhook", "--smtp", "--to", "--webhook-url", "--config", "Examples:", "Exit code" })
            Assert.Contains(text, result.Output, StringComparison.Ordinal);
    }

    private static async Task<(byte[] Body, string? Signature)> ReceiveOneAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var signature = context.Request.Headers["X-RustIds-Signature"];
        context.Response.StatusCode = 202;
        await context.Response.OutputStream.WriteAsync("queued by the test listener"u8.ToArray());
        context.Response.Close();
        return (body.ToArray(), signature);
    }

    private static SmtpProcess StartSmtp(int port)
    {
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        var smtp = new SmtpProcess(Process.Start(start)!);
        var listening = SpinWait.SpinUntil(() =>
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return smtp.HasExited;
            }
        }, TimeSpan.FromSeconds(20));
        Assert.True(listening && !smtp.HasExited, "aiosmtpd did not start: " + smtp.Output);
        return smtp;
    }

    private sealed class SmtpProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public SmtpProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                    return _output.ToString();
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (_output)
                _output.Append(line).Append('\n');
        }
    }
}
