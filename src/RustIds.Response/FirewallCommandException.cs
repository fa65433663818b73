namespace RustIds.Response;

/// <summary>A firewall command (nft, iptables, ipset) failed, timed out or could not be started.</summary>
/// <remarks>
/// Carries the exact command and argument list that ran (never a shell string), the exit code
/// (null when the process was killed on timeout or never started) and stderr, so the log line
/// that records it is enough to reproduce the failure by hand.
/// </remarks>
public sealed class FirewallCommandException : Exception
{
    /// <summary>Creates the exception with every structured field.</summary>
    public FirewallCommandException(
        string message,
        string command,
        IReadOnlyList<string> arguments,
        int? exitCode,
        string standardError,
        bool isTransient,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Command = command;
        Arguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
        IsTransient = isTransient;
    }

    /// <summary>Absolute path of the executable that ran.</summary>
    public string Command { get; }

    /// <summary>The argument list exactly as passed to the process.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Exit code, or null when the process timed out or could not be started.</summary>
    public int? ExitCode { get; }

    /// <summary>Captured stderr (may be empty).</summary>
    public string StandardError { get; }

    /// <summary>True when retrying the same command later may succeed (timeout, kernel busy).</summary>
    public bool IsTransient { get; }
}
