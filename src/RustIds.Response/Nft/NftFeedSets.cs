using System.Globalization;
using System.Text;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Nft;

/// <summary>
/// The nft sets of push-to-firewall feeds and the script text that replaces, removes and references them. Per feed
/// and family: <c>f_NAME_v4</c> (<c>flags interval</c>) holds the prefixes, <c>fa_NAME_v4</c> (a plain hash set
/// sized for its list) the single addresses.
/// </summary>
/// <remarks>
/// <para>
/// Why two sets: nft 1.0.6 reads back the elements of every interval set in the ruleset before it adds any element
/// anywhere (its overlap check), and the kernel dumps an interval set in time that grows with the square of its
/// size. One 200,000-entry interval feed made every single block take 3.7 s; a 1,000,000-entry one took 13-19 s to
/// load. Most feed entries are single addresses; in a hash set nft neither reads them back nor merges intervals,
/// and 1,000,000 of them load in about 3 s (measured with <c>nft -f</c>, see docs/firewall.md).
/// </para>
/// <para>
/// The interval set keeps the name and declaration of the single interval set that earlier versions used, so an
/// old-layout feed keeps working and is rewritten (prefixes only, plus its address set) at its next replacement.
/// The address set is deleted and created again in the same transaction, so its <c>size</c> follows the list (a
/// sized hash set is a fixed-size table: it fills 30 % faster than a resizable one and refuses elements past its
/// size). The <c>feeds</c> chain is flushed first, so no rule holds the set when it is deleted.
/// </para>
/// </remarks>
internal static class NftFeedSets
{
    /// <summary>Prefix of a feed's interval set (the prefixes).</summary>
    public const string NetPrefix = "f_";

    /// <summary>Prefix of a feed's hash set (the single addresses).</summary>
    public const string AddressPrefix = "fa_";

    /// <summary>Smallest <c>size</c> of an address set: an empty or tiny list still gets a usable table.</summary>
    public const int MinAddressSetSize = 64;

    /// <summary>The interval set of one feed and family.</summary>
    public static string NetSet(FeedSetName feed, bool v6) => NetPrefix + feed.Value + Suffix(v6);

    /// <summary>The hash set of one feed and family.</summary>
    public static string AddressSet(FeedSetName feed, bool v6) => AddressPrefix + feed.Value + Suffix(v6);

    /// <summary>The feeds that own at least one set among <paramref name="setNames"/>, in order of first appearance.</summary>
    public static List<FeedSetName> FeedsIn(IEnumerable<string> setNames)
    {
        var feeds = new List<FeedSetName>();
        foreach (var name in setNames)
        {
            if (TryParse(name, NetPrefix, out var feed) || TryParse(name, AddressPrefix, out feed))
            {
                if (!feeds.Contains(feed))
                    feeds.Add(feed);
            }
        }
        return feeds;
    }

    /// <summary>The sets of <paramref name="feed"/> that exist among <paramref name="setNames"/>.</summary>
    public static List<string> SetsOf(FeedSetName feed, IReadOnlySet<string> setNames)
    {
        var sets = new List<string>(4);
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            foreach (var set in (ReadOnlySpan<string>)[NetSet(feed, v6), AddressSet(feed, v6)])
            {
                if (setNames.Contains(set))
                    sets.Add(set);
            }
        }
        return sets;
    }

    /// <summary>
    /// One drop rule per existing set of every feed, into the <c>feeds</c> chain; the caller has flushed the chain
    /// earlier in the same transaction.
    /// </summary>
    public static void AppendRules(StringBuilder script, string table, IEnumerable<FeedSetName> feeds, IReadOnlySet<string> setNames)
    {
        foreach (var feed in feeds)
        {
            foreach (var set in SetsOf(feed, setNames))
            {
                var ip = set.EndsWith("_v6", StringComparison.Ordinal) ? "ip6" : "ip";
                script.Append("add rule ").Append(table).Append(" feeds ").Append(ip).Append(" saddr @").Append(set).Append(" drop\n");
            }
        }
    }

    /// <summary>
    /// Fills both sets of <paramref name="feed"/> for both families with <paramref name="entries"/>: the interval set
    /// flushed and refilled, the address set deleted (when it exists) and created at the list's size.
    /// </summary>
    /// <remarks>Adds the four set names to <paramref name="setNames"/>, so rules written afterwards reference them.</remarks>
    public static void AppendReplace(StringBuilder script, string table, FeedSetName feed, CidrSet entries, HashSet<string> setNames)
    {
        var (v4Nets, v4Addresses, v6Nets, v6Addresses) = Split(entries);
        foreach (var v6 in (ReadOnlySpan<bool>)[false, true])
        {
            var type = v6 ? "ipv6_addr" : "ipv4_addr";
            var nets = v6 ? v6Nets : v4Nets;
            var addresses = v6 ? v6Addresses : v4Addresses;

            var netSet = NetSet(feed, v6);
            script.Append("add set ").Append(table).Append(' ').Append(netSet).Append(" { type ").Append(type).Append("; flags interval; }\n");
            // Flushed in the same transaction, so nft 1.0.6 does not read its old elements back first.
            script.Append("flush set ").Append(table).Append(' ').Append(netSet).Append('\n');
            NftElements.Append(script, table, netSet, nets);

            var addressSet = AddressSet(feed, v6);
            if (setNames.Contains(addressSet))
                script.Append("delete set ").Append(table).Append(' ').Append(addressSet).Append('\n');
            script.Append("add set ").Append(table).Append(' ').Append(addressSet).Append(" { type ").Append(type).Append("; size ")
                .Append(Math.Max(MinAddressSetSize, addresses.Count).ToString(CultureInfo.InvariantCulture)).Append("; }\n");
            NftElements.Append(script, table, addressSet, addresses);

            setNames.Add(netSet);
            setNames.Add(addressSet);
        }
    }

    /// <summary>Deletes every existing set of <paramref name="feed"/>; the caller has removed the rules that use them earlier in the transaction.</summary>
    public static void AppendDelete(StringBuilder script, string table, FeedSetName feed, IReadOnlySet<string> setNames)
    {
        foreach (var set in SetsOf(feed, setNames))
            script.Append("delete set ").Append(table).Append(' ').Append(set).Append('\n');
    }

    /// <summary>The list's minimal prefix cover, split by family and into prefixes and single addresses.</summary>
    internal static (List<Cidr> V4Nets, List<Cidr> V4Addresses, List<Cidr> V6Nets, List<Cidr> V6Addresses) Split(CidrSet entries)
    {
        List<Cidr> v4Nets = [], v4Addresses = new(entries.V4RangeCount), v6Nets = [], v6Addresses = new(entries.V6RangeCount);
        foreach (var cidr in entries.ToCidrs())
        {
            List<Cidr> list;
            if (cidr.Network.IsV6)
                list = FirewallTarget.IsSingleAddress(cidr) ? v6Addresses : v6Nets;
            else
                list = FirewallTarget.IsSingleAddress(cidr) ? v4Addresses : v4Nets;
            list.Add(cidr);
        }
        return (v4Nets, v4Addresses, v6Nets, v6Addresses);
    }

    private static bool TryParse(string setName, string prefix, out FeedSetName feed)
    {
        feed = default;
        return setName.StartsWith(prefix, StringComparison.Ordinal) && setName.EndsWith("_v4", StringComparison.Ordinal)
            && FeedSetName.TryParse(setName[prefix.Length..^3], out feed);
    }

    private static string Suffix(bool v6) => v6 ? "_v6" : "_v4";
}
