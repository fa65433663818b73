using System.Text;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Nft;

/// <summary>Writes set elements into an nft script: feed sets and the allowlist.</summary>
internal static class NftElements
{
    /// <summary>One <c>add element</c> with every network, or nothing when there is none.</summary>
    public static void Append(StringBuilder script, string table, string set, IReadOnlyList<Cidr> networks)
    {
        if (networks.Count == 0)
            return;
        script.Append("add element ").Append(table).Append(' ').Append(set).Append(" { ");
        for (var i = 0; i < networks.Count; i++)
        {
            if (i > 0)
                script.Append(", ");
            AppendTarget(script, networks[i]);
        }
        script.Append(" }\n");
    }

    /// <summary>Writes a target as <see cref="FirewallTarget.Format"/> does; IPv4 without allocating.</summary>
    /// <remarks>A 1,000,000-entry list otherwise makes a million <c>IPAddress</c> objects and strings only to copy them.</remarks>
    private static void AppendTarget(StringBuilder script, Cidr target)
    {
        if (target.Network.IsV6)
        {
            script.Append(FirewallTarget.Format(target));
            return;
        }
        var value = target.Network.V4Value;
        script.Append(value >> 24).Append('.').Append((value >> 16) & 0xFF).Append('.').Append((value >> 8) & 0xFF).Append('.').Append(value & 0xFF);
        if (target.PrefixLength != 32)
            script.Append('/').Append(target.PrefixLength);
    }
}
