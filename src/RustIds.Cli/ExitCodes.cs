namespace RustIds.Cli;

/// <summary>Process exit codes, documented in <c>rustids --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Ok = 0;

    /// <summary>The input (pcap, rules, config, address) had errors; what was valid was still used.</summary>
    public const int InputErrors = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The environment failed: libpcap, nft, disk, permissions.</summary>
    public const int EnvironmentFailure = 3;
}
