using System.Buffers.Binary;
using System.Globalization;
using System.Net.NetworkInformation;
using RustIds.Packets;

namespace RustIds.Response;

/// <summary>Reads the addresses the allowlist protects automatically. Parsers take file text, so tests feed fixed text.</summary>
public static class AllowlistSources
{
    private const int RtfGateway = 0x0002; // linux/route.h RTF_GATEWAY

    /// <summary>Default-route gateways from <c>/proc/net/route</c> text.</summary>
    /// <remarks>
    /// Columns: Iface Destination Gateway Flags RefCnt Use Metric Mask ... Destination, Gateway and
    /// Mask are the kernel's network-order 32-bit values printed with %08X, i.e. byte-reversed on
    /// a little-endian host.
    /// </remarks>
    public static IReadOnlyList<IpAddr> ParseIpv4DefaultGateways(string routeText)
    {
        var gateways = new List<IpAddr>();
        foreach (var line in Lines(routeText))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8
                || !TryHex32(fields[1], out var destination)
                || !TryHex32(fields[2], out var gateway)
                || !TryHex32(fields[3], out var flags)
                || !TryHex32(fields[7], out var mask))
            {
                continue; // header line or garbage
            }
            if (destination != 0 || mask != 0 || (flags & RtfGateway) == 0 || gateway == 0)
                continue;
            var hostOrder = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(gateway) : gateway;
            AddDistinct(gateways, IpAddr.FromV4(hostOrder));
        }
        return gateways;
    }

    /// <summary>Default-route next hops from <c>/proc/net/ipv6_route</c> text.</summary>
    /// <remarks>Columns: dest destlen src srclen nexthop metric refcnt use flags iface; addresses as 32 hex digits in network order.</remarks>
    public static IReadOnlyList<IpAddr> ParseIpv6DefaultGateways(string ipv6RouteText)
    {
        var gateways = new List<IpAddr>();
        foreach (var line in Lines(ipv6RouteText))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10
                || fields[0].Length != 32 || fields[4].Length != 32
                || !TryHex32(fields[8], out var flags)
                || !int.TryParse(fields[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var prefixLength))
            {
                continue;
            }
            if (prefixLength != 0 || fields[0].Trim('0').Length != 0 || (flags & RtfGateway) == 0)
                continue;
            if (!ulong.TryParse(fields[4].AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
                || !ulong.TryParse(fields[4].AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
                || (high == 0 && low == 0))
            {
                continue;
            }
            AddDistinct(gateways, IpAddr.FromV6(high, low));
        }
        return gateways;
    }

    /// <summary>The <c>nameserver</c> addresses of resolv.conf text (zone suffixes such as <c>%eth0</c> dropped).</summary>
    public static IReadOnlyList<IpAddr> ParseResolvers(string resolvConfText)
    {
        var resolvers = new List<IpAddr>();
        foreach (var line in Lines(resolvConfText))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0] != "nameserver")
                continue;
            var value = fields[1].AsSpan();
            var zone = value.IndexOf('%');
            if (zone >= 0)
                value = value[..zone];
            if (IpAddr.TryParse(value, out var address))
                AddDistinct(resolvers, address);
        }
        return resolvers;
    }

    /// <summary>The client address of an <c>SSH_CONNECTION</c> value (<c>client port server port</c>), or null.</summary>
    public static IpAddr? ParseSshClient(string? sshConnection)
    {
        if (string.IsNullOrWhiteSpace(sshConnection))
            return null;
        var fields = sshConnection.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 1 && IpAddr.TryParse(fields[0], out var client) ? client : null;
    }

    /// <summary>Every unicast address of every local interface.</summary>
    public static IReadOnlyList<IpAddr> GetHostAddresses()
    {
        var addresses = new List<IpAddr>();
        foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
                AddDistinct(addresses, IpAddr.FromIPAddress(unicast.Address));
        }
        return addresses;
    }

    private static IEnumerable<string> Lines(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            yield return line;
        }
    }

    private static bool TryHex32(string text, out uint value) =>
        uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static void AddDistinct(List<IpAddr> list, IpAddr address)
    {
        if (!list.Contains(address))
            list.Add(address);
    }
}
