namespace RustIds.Response.Nft;

/// <summary>Runs nft: scripts as one transaction (as <c>nft -f</c>), listings as JSON (as <c>nft -j</c>).</summary>
internal interface INftRunner
{
    /// <summary>Runs <paramref name="script"/> (one command per line) as one transaction.</summary>
    /// <exception cref="FirewallCommandException">nft refused the script (nothing of it applied) or did not answer in time.</exception>
    Task RunScriptAsync(string script, CancellationToken cancellationToken);

    /// <summary>Runs one list command (its words, e.g. <c>list set inet rustids block_v4</c>) and returns the JSON nft printed.</summary>
    /// <param name="command">The command's words.</param>
    /// <param name="terse">Sets without their elements (<c>-t</c>).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="FirewallCommandException">nft failed (for example: no such table) or did not answer in time.</exception>
    Task<string> ListJsonAsync(IReadOnlyList<string> command, bool terse, CancellationToken cancellationToken);
}
