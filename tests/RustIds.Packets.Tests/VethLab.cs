namespace RustIds.Packets.Tests;

/// <summary>A network namespace joined to the test's namespace by a veth pair; removed on dispose.</summary>
/// <remarks>
/// Only the namespace end gets an address (10.231.x.y/30). The host end has none: the namespace
/// gets a static neighbour entry for it, so its pings leave on the wire (and are captured on the
/// host end) without any address or route being added to the test's own namespace.
/// </remarks>
internal sealed class VethLab : IDisposable
{
    private readonly string _ip;

    public VethLab(string ip)
    {
        _ip = ip;
        var id = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant();
        Namespace = $"rustids-pk-{id}";
        HostInterface = $"rpkh{id[..6]}";
        NamespaceInterface = $"rpkn{id[..6]}";
        var subnet = Random.Shared.Next(256);
        var host = Random.Shared.Next(64) * 4;
        NamespaceAddress = $"10.231.{subnet}.{host + 1}";
        HostEndAddress = $"10.231.{subnet}.{host + 2}";
        try
        {
            Tool.RunChecked(ip, "netns", "add", Namespace);
            Tool.RunChecked(ip, "link", "add", HostInterface, "type", "veth", "peer", "name", NamespaceInterface);
            Tool.RunChecked(ip, "link", "set", NamespaceInterface, "netns", Namespace);
            // No IPv6 link-local on the host end: nothing of ours talks on it.
            Tool.Run(ip, "link", "set", "dev", HostInterface, "addrgenmode", "none");
            Tool.RunChecked(ip, "link", "set", HostInterface, "up");
            var mac = File.ReadAllText($"/sys/class/net/{HostInterface}/address").Trim();
            InNamespace("ip", "addr", "add", $"{NamespaceAddress}/30", "dev", NamespaceInterface);
            InNamespace("ip", "link", "set", NamespaceInterface, "up");
            InNamespace("ip", "neigh", "replace", HostEndAddress, "lladdr", mac, "dev", NamespaceInterface, "nud", "permanent");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Namespace { get; }

    public string HostInterface { get; }

    public string NamespaceInterface { get; }

    public string NamespaceAddress { get; }

    public string HostEndAddress { get; }

    public string InNamespace(params string[] command) => Tool.RunChecked(_ip, ["netns", "exec", Namespace, .. command]);

    public void Dispose()
    {
        // Deleting the namespace deletes its veth end and so the pair; the link delete covers a half-built lab.
        // A process still leaving the namespace can make the first delete fail with EBUSY; try again.
        for (var attempt = 0; attempt < 5 && Tool.Run(_ip, "netns", "del", Namespace).ExitCode != 0; attempt++)
        {
            if (!File.Exists($"/run/netns/{Namespace}"))
                break;
            Thread.Sleep(200);
        }
        Tool.Run(_ip, "link", "del", HostInterface);
    }
}
