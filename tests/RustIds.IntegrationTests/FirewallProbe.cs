using System.Text.Json;
using System.Text.RegularExpressions;

namespace RustIds.IntegrationTests;

/// <summary>Reads and tampers with rustids' firewall objects in the gateway namespace, for either backend, with the real tools.</summary>
internal sealed partial class FirewallProbe(GatewayLab lab, string backend)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Backend { get; } = backend;

    public static void SkipUnlessAvailable(string backend) =>
        Skip.If(backend == "iptables" ? ToolPaths.Iptables is null || ToolPaths.Ipset is null : ToolPaths.Nft is null,
            $"{backend} tools are not installed (./install.sh installs them)");

    /// <summary>True when <paramref name="element"/> (address, or network address of a prefix) is in the IPv4 block set (or prefix set).</summary>
    public bool Holds(string element, bool prefix = false) => RemainingSeconds(element, prefix) >= 0;

    /// <summary>Seconds until the element times out; -1 when absent.</summary>
    public double RemainingSeconds(string element, bool prefix = false)
    {
        if (Backend == "iptables")
        {
            var (code, output) = Run(ToolPaths.Ipset!, "list", prefix ? "rustids_blocknet4" : "rustids_block4", "-output", "save");
            if (code != 0)
                return -1;
            var match = Regex.Match(output, $@"^add \S+ {Regex.Escape(element)}(/\d+)? timeout (\d+)", RegexOptions.Multiline);
            return match.Success ? double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        }
        var (nftCode, json) = Run(ToolPaths.Nft!, "-j", "list", "set", "inet", "rustids", prefix ? "blocknet_v4" : "block_v4");
        if (nftCode != 0)
            return -1;
        foreach (var item in JsonDocument.Parse(json).RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var elements))
                continue;
            foreach (var entry in elements.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("elem", out var inner))
                    continue;
                var value = inner.GetProperty("val");
                var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetProperty("prefix").GetProperty("addr").GetString();
                if (text == element)
                    return inner.GetProperty("expires").GetDouble();
            }
        }
        return -1;
    }

    /// <summary>Removes an address from the block set behind rustids' back.</summary>
    public void Delete(string address) => RunChecked(Backend == "iptables"
        ? [ToolPaths.Ipset!, "del", "rustids_block4", address]
        : [ToolPaths.Nft!, "delete", "element", "inet", "rustids", "block_v4", "{", address, "}"]);

    /// <summary>Adds an address rustids never decided on, with a 1 h timeout.</summary>
    public void AddStranger(string address) => RunChecked(Backend == "iptables"
        ? [ToolPaths.Ipset!, "add", "rustids_block4", address, "timeout", "3600"]
        : [ToolPaths.Nft!, "add", "element", "inet", "rustids", "block_v4", "{", address, "timeout", "1h", "}"]);

    private void RunChecked(string[] command)
    {
        var (code, output) = Run(command);
        Assert.True(code == 0, $"{string.Join(' ', command)} failed:\n{output}");
    }

    private (int ExitCode, string Output) Run(params string[] command) => lab.Exec(lab.Gateway, Timeout, command);
}
