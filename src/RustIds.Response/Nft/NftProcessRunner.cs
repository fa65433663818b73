namespace RustIds.Response.Nft;

/// <summary>nft as a child process: scripts on stdin to <c>nft -f -</c>, listings as <c>nft -j [-t] WORDS</c>.</summary>
/// <remarks>Listings go as arguments because with <c>-j</c> nft reads <c>-f</c> input as JSON.</remarks>
internal sealed class NftProcessRunner(FirewallOptions options) : INftRunner
{
    private readonly ProcessRunner _runner = new(options.NetworkNamespace, options.IpPath);

    public Task RunScriptAsync(string script, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(options.NftPath, ["-f", "-"], script, options.CommandTimeout, cancellationToken);

    public async Task<string> ListJsonAsync(IReadOnlyList<string> command, bool terse, CancellationToken cancellationToken)
    {
        string[] arguments = terse ? ["-j", "-t", .. command] : ["-j", .. command];
        var result = await _runner.RunCheckedAsync(options.NftPath, arguments, null, options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput;
    }
}
