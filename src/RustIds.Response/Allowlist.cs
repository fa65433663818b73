using RustIds.Reputation.Addresses;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>Addresses that must never be blocked, with the reason for each.</summary>
/// <remarks>
/// Built once at start-up (or on reload) and immutable afterwards, so <see cref="IsAllowed"/> is
/// thread-safe and allocates nothing: a linear scan over a small array of prefixes.
/// </remarks>
public sealed class Allowlist
{
    private static readonly Cidr LoopbackV4 = new(IpAddr.FromV4(0x7F000000), 8);
    private static readonly Cidr LoopbackV6 = new(IpAddr.FromV6(0, 1), 128);

    private readonly AllowlistEntry[] _entries;

    /// <summary>Creates an allowlist from explicit entries (loopback is added unless <paramref name="protectLoopback"/> is false).</summary>
    public Allowlist(IEnumerable<AllowlistEntry> entries, bool protectLoopback = true)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = new List<AllowlistEntry>();
        if (protectLoopback)
        {
            all.Add(new AllowlistEntry(LoopbackV4, "loopback"));
            all.Add(new AllowlistEntry(LoopbackV6, "loopback"));
        }
        all.AddRange(entries);
        _entries = all.ToArray();
    }

    /// <summary>An allowlist that protects nothing but loopback.</summary>
    public static Allowlist LoopbackOnly { get; } = new([]);

    /// <summary>Every protected range, in match order.</summary>
    public IReadOnlyList<AllowlistEntry> Entries => _entries;

    /// <summary>True when <paramref name="address"/> must not be blocked; <paramref name="reason"/> says why.</summary>
    public bool IsAllowed(IpAddr address, out string reason)
    {
        foreach (var entry in _entries)
        {
            if (entry.Range.Contains(address))
            {
                reason = entry.Reason;
                return true;
            }
        }
        reason = string.Empty;
        return false;
    }

    /// <summary>True when any address of <paramref name="target"/> must not be blocked; <paramref name="reason"/> says which.</summary>
    /// <remarks>A prefix block is refused as a whole when it would cover one protected address.</remarks>
    public bool Overlaps(Cidr target, out string reason)
    {
        foreach (var entry in _entries)
        {
            if (entry.Range.Network.Family == target.Network.Family
                && (entry.Range.Contains(target.Network) || target.Contains(entry.Range.Network)))
            {
                reason = entry.Reason;
                return true;
            }
        }
        reason = string.Empty;
        return false;
    }

    /// <summary>Every protected range merged into one set, for the firewall's allowlist sets.</summary>
    public CidrSet ToCidrSet()
    {
        var builder = new CidrSetBuilder();
        foreach (var entry in _entries)
            builder.Add(entry.Range);
        return builder.Build();
    }

    /// <summary>Builds the allowlist from options and the live system (interfaces, routes, resolv.conf, SSH_CONNECTION).</summary>
    /// <exception cref="FormatException">Some configured CIDRs are invalid; the message lists every one.</exception>
    public static Allowlist Load(AllowlistOptions options) =>
        Load(options, ReadFileOrEmpty, Environment.GetEnvironmentVariable("SSH_CONNECTION"), AllowlistSources.GetHostAddresses);

    /// <summary>Builds the allowlist with injected sources (tests pass fixed text).</summary>
    /// <param name="options">Which protections are on, configured CIDRs and file paths.</param>
    /// <param name="readFile">Returns a file's text by path (empty when missing).</param>
    /// <param name="sshConnection">The value of <c>SSH_CONNECTION</c>, or null.</param>
    /// <param name="hostAddresses">Returns this host's unicast addresses.</param>
    public static Allowlist Load(
        AllowlistOptions options,
        Func<string, string> readFile,
        string? sshConnection,
        Func<IReadOnlyList<IpAddr>> hostAddresses)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readFile);
        ArgumentNullException.ThrowIfNull(hostAddresses);

        var entries = new List<AllowlistEntry>();
        var errors = new List<string>();
        for (var i = 0; i < options.Cidrs.Count; i++)
        {
            if (Cidr.TryParse(options.Cidrs[i].AsSpan().Trim(), out var range))
                entries.Add(new AllowlistEntry(range, $"configured {range}"));
            else
                errors.Add($"Allowlist.Cidrs[{i}] '{options.Cidrs[i]}': not an IP address or CIDR network");
        }
        if (errors.Count > 0)
            throw new FormatException("Invalid allowlist entries:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        if (options.ProtectHostAddresses)
            AddAll(entries, hostAddresses(), "host address");
        if (options.ProtectDefaultGateway)
        {
            AddAll(entries, AllowlistSources.ParseIpv4DefaultGateways(readFile(options.RoutePath)), "default gateway");
            AddAll(entries, AllowlistSources.ParseIpv6DefaultGateways(readFile(options.Ipv6RoutePath)), "default gateway");
        }
        if (options.ProtectResolvers)
            AddAll(entries, AllowlistSources.ParseResolvers(readFile(options.ResolvConfPath)), "resolver");
        if (options.ProtectSshClient && AllowlistSources.ParseSshClient(sshConnection) is { } client)
            entries.Add(new AllowlistEntry(Cidr.Single(client), $"SSH client {client}"));

        return new Allowlist(entries, options.ProtectLoopback);
    }

    private static void AddAll(List<AllowlistEntry> entries, IReadOnlyList<IpAddr> addresses, string what)
    {
        foreach (var address in addresses)
            entries.Add(new AllowlistEntry(Cidr.Single(address), $"{what} {address}"));
    }

    private static string ReadFileOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
