using System.Globalization;

namespace RustIds.Packets.Tests;

/// <summary>Decodes real and generated captures and compares every frame with tshark's reading.</summary>
public sealed class TsharkConformanceTests
{
    private static readonly string SuricataVerify = Path.Combine(RepoPaths.SharedData, "conformance", "suricata-verify");

    public static TheoryData<LinkType> LinkTypes => [LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Null];

    [SkippableTheory]
    [MemberData(nameof(LinkTypes))]
    public void Decode_GeneratedCorpus_MatchesTshark(LinkType linkType)
    {
        Skip.If(TsharkOracle.Path is null, "tshark is not installed (Debian package tshark)");
        using var temp = new TempDirectory();
        var path = temp.File($"corpus-{linkType}.pcap");
        using (var writer = PcapFileWriter.Create(path, linkType))
        {
            var ticks = Frames.BaseTicks;
            if (linkType == LinkType.Ethernet)
            {
                foreach (var (_, frame) in Frames.EthernetFrames())
                    writer.WritePacket(frame, ticks += TimeSpan.TicksPerMillisecond);
            }
            else
            {
                foreach (var (_, ip) in Frames.IpPackets())
                    writer.WritePacket(Frames.Link(linkType, ip), ticks += TimeSpan.TicksPerMillisecond);
            }
        }
        var compared = CompareWithTshark(path);
        Assert.True(compared >= Frames.IpPackets().Count(), $"only {compared} frames compared");
    }

    [SkippableFact]
    public void Decode_SharedCaptures_MatchTshark()
    {
        Skip.If(TsharkOracle.Path is null, "tshark is not installed (Debian package tshark)");
        var files = CaptureFiles().ToList();
        Skip.If(files.Count == 0, "no capture files in shared/data or tests/data");
        var compared = 0;
        foreach (var file in files)
            compared += CompareWithTshark(file);
        Assert.True(compared > 0, "no frame was compared");
    }

    /// <summary>suricata-verify's pcaps (when the selection ships them) and the repository's test captures.</summary>
    private static IEnumerable<string> CaptureFiles()
    {
        var roots = new List<string> { SuricataVerify };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data", "pcaps");
            if (Directory.Exists(candidate))
            {
                roots.Add(candidate);
                break;
            }
        }
        return roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.pcap*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Returns how many frames had an IP layer and were compared field by field.</summary>
    private static int CompareWithTshark(string path)
    {
        var expected = TsharkOracle.Read(path).ToDictionary(row => row.Number);
        using var source = PcapFileSource.Open(path);
        var number = 0;
        var compared = 0;
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            number++;
            var packet = new Packet { TimestampTicks = frame.TimestampTicks, WireLength = frame.WireLength };
            var status = PacketDecoder.Decode(source.LinkType, frame.Data, ref packet);
            var row = expected[number];
            var where = $"{Path.GetFileName(path)} frame {number} ({status})";
            if (row.IpSource.Length == 0 && row.Ipv6Source.Length == 0)
            {
                Assert.True(status != DecodeStatus.Ok || packet.Protocol == IpProtocol.None, $"{where}: tshark saw no IP layer");
                continue;
            }
            Assert.NotEqual(default, packet.Source);
            compared++;
            if (packet.Source.IsV4)
            {
                Assert.Equal(row.IpSource, packet.Source.ToString());
                Assert.Equal(row.IpDestination, packet.Destination.ToString());
                Assert.Equal(row.IpProtocol, ((byte)packet.Protocol).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                // tshark's ip.src would be an IPv4 outer header (6in4); rustids reports the outer one too.
                Assert.Equal(string.Empty, row.IpSource);
                Assert.Equal(row.Ipv6Source, packet.Source.ToString());
                Assert.Equal(row.Ipv6Destination, packet.Destination.ToString());
            }
            if (status != DecodeStatus.Ok)
                continue;
            switch (packet.Protocol)
            {
                case IpProtocol.Tcp:
                    Assert.Equal(row.TcpSourcePort, Port(packet.SourcePort, row.TcpSourcePort));
                    Assert.Equal(row.TcpDestinationPort, Port(packet.DestinationPort, row.TcpDestinationPort));
                    break;
                case IpProtocol.Udp:
                    Assert.Equal(row.UdpSourcePort, Port(packet.SourcePort, row.UdpSourcePort));
                    Assert.Equal(row.UdpDestinationPort, Port(packet.DestinationPort, row.UdpDestinationPort));
                    break;
                case IpProtocol.IcmpV6:
                    Assert.Equal(row.IcmpV6Type, packet.IcmpType.ToString(CultureInfo.InvariantCulture));
                    break;
            }
        }
        Assert.Equal(expected.Count, number);
        return compared;

        // A non-first fragment has no transport header: rustids leaves the ports 0 and tshark shows none.
        static string Port(ushort value, string tshark) => value == 0 && tshark.Length == 0 ? string.Empty : value.ToString(CultureInfo.InvariantCulture);
    }
}
