using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RustIds.Response;

/// <summary>Runs one executable with an argument list, optional stdin text and a timeout.</summary>
/// <remarks>
/// Never a shell: the executable is an absolute path and every argument goes through
/// <see cref="ProcessStartInfo.ArgumentList"/>. On timeout the whole process tree is killed.
/// With a network namespace the command runs as <c>ip netns exec NAME command ...</c>; tests use
/// that to keep nft away from the host's ruleset. Thread-safe: holds no mutable state.
/// </remarks>
public sealed class ProcessRunner
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string? _networkNamespace;
    private readonly string _ipPath;

    /// <summary>Creates a runner, optionally executing every command inside a network namespace.</summary>
    /// <param name="networkNamespace">Namespace name (validated), or null for the current namespace.</param>
    /// <param name="ipPath">Absolute path of iproute2's <c>ip</c>; resolved when null.</param>
    public ProcessRunner(string? networkNamespace = null, string? ipPath = null)
    {
        if (networkNamespace is not null && !FirewallOptions.IsValidNamespaceName(networkNamespace))
            throw new ArgumentException($"'{networkNamespace}' is not a valid network namespace name.", nameof(networkNamespace));
        _networkNamespace = networkNamespace;
        _ipPath = ipPath ?? FirewallOptions.ResolveIpPath();
        RequireAbsolute(_ipPath, nameof(ipPath));
    }

    /// <summary>The namespace commands run in, or null.</summary>
    public string? NetworkNamespace => _networkNamespace;

    /// <summary>Runs the command to completion and returns its result whatever the exit code.</summary>
    /// <exception cref="FirewallCommandException">Timed out (transient) or could not be started.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process tree was killed.</exception>
    public async Task<ProcessResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        string? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        RequireAbsolute(executable, nameof(executable));
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        var (command, argumentList) = Wrap(executable, arguments);
        var startInfo = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
            CreateNoWindow = true,
        };
        foreach (var argument in argumentList)
            startInfo.ArgumentList.Add(argument);
        // Stable, untranslated error messages: stderr is matched and logged.
        startInfo.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new FirewallCommandException(
                $"Could not start {command}: {ex.Message}", command, argumentList, null, string.Empty, isTransient: false, ex);
        }

        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await WriteStandardInputAsync(process, standardInput, linked.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var stderrSoFar = await stderrTask.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new FirewallCommandException(
                $"{command} timed out after {timeout.TotalMilliseconds:0} ms and was killed.",
                command, argumentList, null, stderrSoFar, isTransient: true);
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, stdout, stderr, stopwatch.Elapsed);
    }

    /// <summary>Runs the command and throws <see cref="FirewallCommandException"/> on a non-zero exit code.</summary>
    public async Task<ProcessResult> RunCheckedAsync(
        string executable,
        IReadOnlyList<string> arguments,
        string? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(executable, arguments, standardInput, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var (command, argumentList) = Wrap(executable, arguments);
            var stderr = result.StandardError.Trim();
            throw new FirewallCommandException(
                $"{command} exited with code {result.ExitCode}: {FirstLine(stderr)}",
                command, argumentList, result.ExitCode, stderr, IsTransientError(stderr));
        }
        return result;
    }

    private (string Command, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments)
    {
        if (_networkNamespace is null)
            return (executable, arguments.ToArray());
        var wrapped = new List<string>(arguments.Count + 4) { "netns", "exec", _networkNamespace, executable };
        wrapped.AddRange(arguments);
        return (_ipPath, wrapped);
    }

    private static async Task WriteStandardInputAsync(Process process, string? text, CancellationToken cancellationToken)
    {
        try
        {
            if (text is not null)
            {
                await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
                await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited (or closed stdin) before reading everything: its exit code and
            // stderr say why, so the broken pipe itself carries no extra information.
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the timeout and the kill.
        }
    }

    // EBUSY/EAGAIN from netlink mean another ruleset change raced ours; retrying later works.
    private static bool IsTransientError(string stderr) =>
        stderr.Contains("Device or resource busy", StringComparison.Ordinal)
        || stderr.Contains("Resource temporarily unavailable", StringComparison.Ordinal)
        || stderr.Contains("Interrupted system call", StringComparison.Ordinal);

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    private static void RequireAbsolute(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        if (!Path.IsPathFullyQualified(path))
            throw new ArgumentException($"'{path}' is not an absolute path; commands are never looked up on PATH.", parameterName);
    }
}
