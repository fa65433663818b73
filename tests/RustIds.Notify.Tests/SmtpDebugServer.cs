using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace RustIds.Notify.Tests;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd with its Debugging handler, which prints every received
/// message to stdout. Started on a free loopback port; killed on dispose.
/// </summary>
internal sealed class SmtpDebugServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly object _lock = new();

    private SmtpDebugServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static SmtpDebugServer Start()
    {
        var port = FreePort.Get();
        var start = new ProcessStartInfo(DebianPython.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var process = Process.Start(start)!;
        var server = new SmtpDebugServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.WaitUntilListening(TimeSpan.FromSeconds(20));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public string Output
    {
        get
        {
            lock (_lock)
                return _stdout.ToString();
        }
    }

    /// <summary>Waits until the captured output contains <paramref name="marker"/> <paramref name="count"/> times.</summary>
    public string WaitForOutput(string marker, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var output = Output;
            var seen = 0;
            for (var at = output.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = output.IndexOf(marker, at + 1, StringComparison.Ordinal))
                seen++;
            if (seen >= count)
                return output;
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"SMTP server output lacks {count} x '{marker}' after {timeout}:\n{output}");
            lock (_lock)
                Monitor.Wait(_lock, TimeSpan.FromMilliseconds(200));
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
        lock (_lock)
        {
            _stdout.Append(line).Append('\n');
            Monitor.PulseAll(_lock);
        }
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {Output}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                lock (_lock)
                    Monitor.Wait(_lock, TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
