namespace RustIds.Response.Iptables;

/// <summary>One of the fixed target sets of the iptables backend.</summary>
/// <param name="Name">The ipset name.</param>
/// <param name="Action">Block or rate-limit.</param>
/// <param name="V6">True for an <c>inet6</c> set.</param>
/// <param name="Net">True for <c>hash:net</c> (prefixes), false for <c>hash:ip</c> (single addresses).</param>
internal readonly record struct IpsetKind(string Name, FirewallAction Action, bool V6, bool Net);
