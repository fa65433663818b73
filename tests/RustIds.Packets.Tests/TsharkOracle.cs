namespace RustIds.Packets.Tests;

/// <summary>tshark's reading of a capture, one row per frame: outermost addresses, protocol and ports.</summary>
internal static class TsharkOracle
{
    private static readonly string[] Fields =
    [
        "frame.number", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto",
        "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "icmpv6.type",
    ];

    public static string? Path => Tool.Find("tshark");

    public static List<Row> Read(string pcap)
    {
        List<string> arguments = ["-r", pcap, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"];
        // Per-frame view: with reassembly on, tshark moves the transport header of a fragmented
        // datagram to the last fragment's row, while rustids decodes fragments one by one.
        arguments.AddRange(["-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"]);
        foreach (var field in Fields)
            arguments.AddRange(["-e", field]);
        var output = Tool.RunChecked(Path!, [.. arguments]);
        var rows = new List<Row>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = line.Split('\t');
            string Cell(int i) => i < cells.Length ? cells[i].Trim() : string.Empty;
            rows.Add(new Row(
                int.Parse(Cell(0), System.Globalization.CultureInfo.InvariantCulture),
                Cell(1), Cell(2), Cell(3), Cell(4), Cell(5), Cell(6), Cell(7), Cell(8), Cell(9), Cell(10)));
        }
        return rows;
    }

    internal sealed record Row(
        int Number, string IpSource, string IpDestination, string Ipv6Source, string Ipv6Destination, string IpProtocol,
        string TcpSourcePort, string TcpDestinationPort, string UdpSourcePort, string UdpDestinationPort, string IcmpV6Type);
}
