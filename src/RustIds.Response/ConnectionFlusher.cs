using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>Deletes the conntrack entries of a target (<c>conntrack -D</c>), both as source and as destination.</summary>
/// <remarks>
/// So a newly blocked address loses its established connections at once instead of when their
/// state times out. conntrack exits 1 with "0 flow entries have been deleted" when there is nothing
/// to delete; that is success.
/// </remarks>
public sealed class ConnectionFlusher
{
    private readonly FirewallOptions _options;
    private readonly ProcessRunner _runner;

    /// <summary>Creates the flusher for the conntrack binary in <paramref name="options"/>.</summary>
    public ConnectionFlusher(FirewallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _runner = new ProcessRunner(options.NetworkNamespace, options.IpPath);
    }

    /// <summary>Deletes every entry from or to <paramref name="target"/>; false when conntrack failed.</summary>
    public async Task<bool> FlushAsync(Cidr target, CancellationToken cancellationToken = default)
    {
        foreach (var direction in (string[])["-s", "-d"])
        {
            var arguments = new List<string> { "-D", "-f", target.Network.IsV4 ? "ipv4" : "ipv6", direction, target.Network.ToString() };
            if (!FirewallTarget.IsSingleAddress(target))
                arguments.AddRange([direction == "-s" ? "--mask-src" : "--mask-dst", Mask(target)]);
            try
            {
                var result = await _runner.RunAsync(_options.ConntrackPath, arguments, null, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
                if (result.ExitCode != 0 && !result.StandardError.Contains("flow entries have been deleted", StringComparison.Ordinal))
                    return false;
            }
            catch (FirewallCommandException)
            {
                return false;
            }
        }
        return true;
    }

    private static string Mask(Cidr target)
    {
        if (target.Network.IsV4)
        {
            var mask = target.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - target.PrefixLength);
            return IpAddr.FromV4(mask).ToString();
        }
        var bits = target.PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - target.PrefixLength);
        return IpAddr.FromV6((ulong)(bits >> 64), (ulong)bits).ToString();
    }
}
