using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>Decides whether a readable feed entry may be blocked.</summary>
/// <remarks>
/// Checked in this order, first match wins: too broad (shorter than /<see cref="MinimumV4Prefix"/> or
/// /<see cref="MinimumV6Prefix"/>, which covers 0.0.0.0/0 and ::/0), reserved (<see cref="ReservedNetworks"/>,
/// unless <see cref="FeedParseOptions.AllowPrivate"/>), protected (<see cref="FeedParseOptions.Protected"/>).
/// A feed is someone else's file fetched over the network: a single bad line must not be able to
/// block the Internet, the LAN or our own resolvers.
/// </remarks>
internal readonly struct FeedEntryScreen(bool allowPrivate, CidrSet? protectedNetworks)
{
    /// <summary>Shortest IPv4 prefix accepted from a feed.</summary>
    public const int MinimumV4Prefix = 8;

    /// <summary>Shortest IPv6 prefix accepted from a feed.</summary>
    public const int MinimumV6Prefix = 16;

    public EntryRefusal Check(Cidr network)
    {
        if (network.PrefixLength < (network.Network.IsV4 ? MinimumV4Prefix : MinimumV6Prefix))
            return new EntryRefusal(EntryRefusalKind.TooBroad, default, "");
        if (!allowPrivate && ReservedNetworks.TryFindOverlap(network, out var reserved, out var name))
            return new EntryRefusal(EntryRefusalKind.Reserved, reserved, name);
        if (protectedNetworks is not null && protectedNetworks.Overlaps(network))
            return new EntryRefusal(EntryRefusalKind.Protected, default, "");
        return EntryRefusal.None;
    }

    /// <summary>The diagnostic text after the quoted entry.</summary>
    public static string Describe(EntryRefusal refusal, bool isV4) => refusal.Kind switch
    {
        EntryRefusalKind.TooBroad => $"refused: prefixes shorter than /{(isV4 ? MinimumV4Prefix : MinimumV6Prefix)} are too broad to block",
        EntryRefusalKind.Reserved => $"refused: overlaps {refusal.Reserved}, {refusal.ReservedName}",
        EntryRefusalKind.Protected => "refused: overlaps an allowlisted (protected) network",
        _ => "accepted",
    };
}
