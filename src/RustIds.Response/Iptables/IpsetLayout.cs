namespace RustIds.Response.Iptables;

/// <summary>The names and kinds of the ipsets the iptables backend owns; every one starts with <c>rustids_</c>.</summary>
/// <remarks>
/// ipset names are limited to 31 characters: <c>rustids_tmpf_</c> + a 16-character feed name + the
/// family digit is 30. The family is the last character (<c>4</c> or <c>6</c>), so a feed whose
/// name ends in a digit still parses unambiguously.
/// </remarks>
internal static class IpsetLayout
{
    /// <summary>Prefix of every set we own; teardown destroys exactly the sets that carry it.</summary>
    public const string Prefix = "rustids_";

    /// <summary>Prefix of feed sets: <c>rustids_f_NAME4</c>, <c>rustids_f_NAME6</c>.</summary>
    public const string FeedPrefix = "rustids_f_";

    /// <summary>Prefix of the temporary feed sets built before a swap.</summary>
    public const string TempFeedPrefix = "rustids_tmpf_";

    /// <summary>Capacity of the block and rate-limit sets: 100,000 blocks fit ten times over.</summary>
    public const int TargetMaxElements = 1_048_576;

    /// <summary>Smallest capacity of an allowlist or feed set; larger lists get their entry count.</summary>
    public const int MinListMaxElements = 65_536;

    /// <summary>Longest timeout ipset accepts (seconds, <c>UINT_MAX / 1000</c>): about 24.8 days.</summary>
    public const long MaxTimeoutSeconds = 2_147_483;

    /// <summary>The eight sets that hold block and rate-limit targets.</summary>
    public static readonly IpsetKind[] TargetSets =
    [
        new("rustids_block4", FirewallAction.Block, V6: false, Net: false),
        new("rustids_block6", FirewallAction.Block, V6: true, Net: false),
        new("rustids_blocknet4", FirewallAction.Block, V6: false, Net: true),
        new("rustids_blocknet6", FirewallAction.Block, V6: true, Net: true),
        new("rustids_rl4", FirewallAction.RateLimit, V6: false, Net: false),
        new("rustids_rl6", FirewallAction.RateLimit, V6: true, Net: false),
        new("rustids_rlnet4", FirewallAction.RateLimit, V6: false, Net: true),
        new("rustids_rlnet6", FirewallAction.RateLimit, V6: true, Net: true),
    ];

    /// <summary>The allowlist set of one family.</summary>
    public static string Allow(bool v6) => v6 ? "rustids_allow6" : "rustids_allow4";

    /// <summary>The temporary set an allowlist replacement is built in.</summary>
    public static string TempAllow(bool v6) => v6 ? "rustids_tmp_allow6" : "rustids_tmp_allow4";

    /// <summary>The set of one feed and family.</summary>
    public static string Feed(FeedSetName feed, bool v6) => FeedPrefix + feed.Value + Digit(v6);

    /// <summary>The temporary set a feed replacement is built in.</summary>
    public static string TempFeed(FeedSetName feed, bool v6) => TempFeedPrefix + feed.Value + Digit(v6);

    /// <summary>The set a change goes to: by action, address or prefix, and family.</summary>
    public static string SetFor(FirewallChange change)
    {
        var prefix = (change.Action, change.IsSingleAddress) switch
        {
            (FirewallAction.Block, true) => "rustids_block",
            (FirewallAction.Block, false) => "rustids_blocknet",
            (_, true) => "rustids_rl",
            _ => "rustids_rlnet",
        };
        return prefix + Digit(change.Target.Network.IsV6);
    }

    /// <summary>The <c>ipset create</c> line of one of our fixed sets (target or allowlist sets).</summary>
    public static string CreateLine(IpsetKind set) =>
        $"create {set.Name} {(set.Net ? "hash:net" : "hash:ip")} family {Family(set.V6)} maxelem {TargetMaxElements} timeout 0";

    /// <summary>The <c>ipset create</c> line of a list set (allowlist or feed): no timeout, capacity for its entries.</summary>
    public static string CreateListLine(string name, bool v6, int entries) =>
        $"create {name} hash:net family {Family(v6)} maxelem {Math.Max(MinListMaxElements, entries)}";

    /// <summary>The feed a set name belongs to, when it is the IPv4 set of a feed (every feed has one).</summary>
    public static bool TryParseFeedV4(string setName, out FeedSetName feed)
    {
        feed = default;
        return setName.StartsWith(FeedPrefix, StringComparison.Ordinal) && setName.EndsWith('4')
            && FeedSetName.TryParse(setName[FeedPrefix.Length..^1], out feed);
    }

    /// <summary><c>inet</c> or <c>inet6</c>.</summary>
    public static string Family(bool v6) => v6 ? "inet6" : "inet";

    private static char Digit(bool v6) => v6 ? '6' : '4';
}
