namespace RustIds.Response.Tests.Iptables;

/// <summary>Whether the iptables tests can run, and shortcuts to run iptables and ipset inside a test namespace.</summary>
internal static class IptablesTools
{
    public const string Iptables = "/usr/sbin/iptables";
    public const string Ip6tables = "/usr/sbin/ip6tables";
    public const string Ipset = "/usr/sbin/ipset";
    public const string Python = "/usr/bin/python3";
    public const string Ping = "/usr/bin/ping";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string? MissingReason =>
        !Environment.IsPrivilegedProcess ? "needs root to create network namespaces"
        : !File.Exists(Root.Ip) ? "ip is absent (Debian package iproute2)"
        : !File.Exists(Iptables) || !File.Exists(Ip6tables) || !File.Exists("/usr/sbin/iptables-restore") ? "iptables is absent (Debian package iptables)"
        : !File.Exists(Ipset) ? $"{Ipset} is absent (Debian package ipset)"
        : null;

    public static void SkipUnlessAvailable() => Skip.If(MissingReason is not null, MissingReason);

    public static async Task<string> IptablesAsync(this TestNamespace ns, bool v6, params string[] arguments) =>
        (await ns.Runner.RunCheckedAsync(v6 ? Ip6tables : Iptables, arguments, null, Timeout)).StandardOutput;

    public static async Task<string> IpsetAsync(this TestNamespace ns, params string[] arguments) =>
        (await ns.Runner.RunCheckedAsync(Ipset, arguments, null, Timeout)).StandardOutput;

    /// <summary>The members of a set as ipset prints them (sorted), without timeouts.</summary>
    public static async Task<List<string>> MembersAsync(this TestNamespace ns, string set)
    {
        var output = await ns.IpsetAsync("list", set, "-output", "save");
        return output.Split('\n')
            .Where(l => l.StartsWith("add ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <c>-A CHAIN</c> lines of <c>iptables -S CHAIN</c>, in order.</summary>
    public static async Task<List<string>> RulesAsync(this TestNamespace ns, bool v6, string chain) =>
        (await ns.IptablesAsync(v6, "-S", chain)).Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal)).ToList();
}
