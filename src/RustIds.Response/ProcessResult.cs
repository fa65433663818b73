namespace RustIds.Response;

/// <summary>The outcome of one finished child process.</summary>
/// <param name="ExitCode">The process exit code; 0 means success for nft, iptables and ipset.</param>
/// <param name="StandardOutput">Everything the process wrote to stdout, decoded as UTF-8.</param>
/// <param name="StandardError">Everything the process wrote to stderr, decoded as UTF-8.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
