namespace RustIds.Reputation.Feeds;

/// <summary>The layout of a feed file; see <c>docs/feeds-formats.md</c> for each one.</summary>
/// <remarks>Config spells these in kebab-case (<see cref="FeedFormatNames"/>).</remarks>
public enum FeedFormat
{
    /// <summary>One address or CIDR per line, <c>#</c>/<c>;</c> comments.</summary>
    Plain,

    /// <summary>Spamhaus DROP/EDROP/DROPv6 legacy text: <c>CIDR ; SBLnnn</c> (also the mirrors' <c>CIDR </c> variant).</summary>
    SpamhausDrop,

    /// <summary>Spamhaus NDJSON: <c>{"cidr":...}</c> per line and a final <c>{"type":"metadata",...,"records":N}</c> line.</summary>
    SpamhausJson,

    /// <summary>FireHOL netset/ipset: plain entries under a <c>#</c> metadata header.</summary>
    FireHol,

    /// <summary>DShield block.txt: tab-separated <c>Start End Netblock Attacks Name Country email</c> with a header row.</summary>
    DShield,

    /// <summary>IPsum: <c>IP&lt;TAB&gt;count</c>, the count being how many lists carry the address.</summary>
    Ipsum,

    /// <summary>abuse.ch Feodo Tracker IP blocklist: plain addresses.</summary>
    Feodo,

    /// <summary>Tor exit-node list: plain addresses.</summary>
    TorExit,

    /// <summary>Delimited text with the address in a configured column, RFC 4180 quoting.</summary>
    Csv,
}
