using System.Globalization;
using System.Text;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Iptables;

/// <summary>Builds the text <c>ipset restore</c> reads on stdin; addresses and numbers come from typed values only.</summary>
internal static class IpsetScript
{
    /// <summary>One line per change, in order; meant for <c>ipset -exist restore</c>.</summary>
    /// <remarks>
    /// With <c>-exist</c>, <c>add</c> of a present target refreshes its timeout and <c>del</c> of an
    /// absent one is a no-op, so a batch never fails on the state of a single target. Timeouts are
    /// capped at ipset's maximum (about 24.8 days); a longer block is re-added by reconciliation.
    /// </remarks>
    public static string BuildChanges(IReadOnlyList<FirewallChange> changes)
    {
        var script = new StringBuilder(changes.Count * 48);
        foreach (var change in changes)
        {
            script.Append(change.Kind == FirewallChangeKind.Add ? "add " : "del ")
                .Append(IpsetLayout.SetFor(change)).Append(' ').Append(change.TargetText);
            if (change.Kind == FirewallChangeKind.Add)
            {
                var seconds = Math.Min(change.TimeoutSeconds, IpsetLayout.MaxTimeoutSeconds);
                script.Append(" timeout ").Append(seconds.ToString(CultureInfo.InvariantCulture));
            }
            script.Append('\n');
        }
        return script.ToString();
    }

    /// <summary>
    /// Appends the replacement of list set <paramref name="name"/> by the networks of one family:
    /// fill <paramref name="tempName"/>, then swap it in and destroy it (or rename it when
    /// <paramref name="name"/> does not exist yet).
    /// </summary>
    /// <remarks>The swap exchanges the sets under the rule's reference in one kernel call, so matching never sees a half-filled set.</remarks>
    public static void AppendReplace(StringBuilder script, string name, string tempName, bool v6, IReadOnlyList<Cidr> networks, bool exists)
    {
        script.Append(IpsetLayout.CreateListLine(tempName, v6, networks.Count)).Append('\n');
        foreach (var network in networks)
            script.Append("add ").Append(tempName).Append(' ').Append(FirewallTarget.Format(network)).Append('\n');
        if (exists)
        {
            script.Append("swap ").Append(tempName).Append(' ').Append(name).Append('\n');
            script.Append("destroy ").Append(tempName).Append('\n');
        }
        else
        {
            script.Append("rename ").Append(tempName).Append(' ').Append(name).Append('\n');
        }
    }

    /// <summary>The networks of one family as <c>hash:net</c> can hold them (it has no /0: that becomes two /1).</summary>
    public static List<Cidr> NetworksOf(CidrSet set, bool v6)
    {
        var networks = new List<Cidr>(v6 ? set.V6RangeCount : set.V4RangeCount);
        foreach (var cidr in set.ToCidrs())
        {
            if (cidr.Network.IsV6 != v6)
                continue;
            if (cidr.PrefixLength == 0)
            {
                networks.Add(new Cidr(cidr.Network, 1));
                networks.Add(new Cidr(v6 ? Packets.IpAddr.FromV6(0x8000_0000_0000_0000UL, 0) : Packets.IpAddr.FromV4(0x8000_0000u), 1));
                continue;
            }
            networks.Add(cidr);
        }
        return networks;
    }
}
