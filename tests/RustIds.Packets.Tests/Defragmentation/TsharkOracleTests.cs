using static RustIds.Packets.Defragmentation.Tests.Fragments;

namespace RustIds.Packets.Defragmentation.Tests;

/// <summary>Wireshark's reassembler as an outside oracle: the same fragments, written to a pcap, must reassemble to the same datagrams.</summary>
public sealed class TsharkOracleTests : IDisposable
{
    private const string Tshark = "/usr/bin/tshark";
    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-defrag-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void Process_SameFragmentsAsTshark_ReassembleToSameLengthsAndPayloads()
    {
        Skip.IfNot(File.Exists(Tshark), "tshark is not installed");
        var datagrams = new (byte[] Payload, List<byte[]> Fragments)[]
        {
            Udp4(1, Pattern(4000, 1), 1480, reverse: false),
            Udp4(2, Pattern(2999, 2), 1200, reverse: true),
            Udp6(3, Pattern(3500, 3), 1232, reverse: false),
            Udp6(4, Pattern(1777, 4), 512, reverse: true),
        };
        var path = Path.Combine(_directory, "fragments.pcap");
        var defrag = new IpDefragmenter();
        var ours = new List<(int FragmentableLength, string Payload)>();
        using (var writer = PcapFileWriter.Create(path, LinkType.Ethernet))
        {
            var time = T0;
            foreach (var (_, fragments) in datagrams)
            {
                foreach (var fragment in fragments)
                {
                    time += TimeSpan.TicksPerMillisecond;
                    writer.WritePacket(FrameBuilder.Ethernet(fragment), time);
                    if (defrag.Process(fragment, time, 0, out var reassembled) == DefragResult.Reassembled)
                    {
                        var decoded = Decode(reassembled.ToArray());
                        // IPv4: 20-byte header; IPv6: 40-byte header and the 8-byte hop-by-hop header stay outside the fragmentable part.
                        var fragmentable = reassembled.Length - (reassembled[0] >> 4 == 4 ? 20 : 48);
                        ours.Add((fragmentable, Convert.ToHexStringLower(decoded.Payload)));
                    }
                }
            }
        }

        var lines = RunTshark(path);

        Assert.Equal(datagrams.Length, ours.Count);
        Assert.Equal(datagrams.Length, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            // Wireshark reports the reassembled fragmentable part (here the whole UDP datagram), IPv4 or IPv6.
            var fields = lines[i].Split('\t');
            var reassembledLength = int.Parse(fields[0].Length > 0 ? fields[0] : fields[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(ours[i].FragmentableLength, reassembledLength);
            Assert.Equal(ours[i].Payload, fields[2]);
            Assert.Equal(Convert.ToHexStringLower(datagrams[i].Payload), fields[2]);
        }
    }

    private static (byte[], List<byte[]>) Udp4(ushort id, byte[] payload, int size, bool reverse)
    {
        var fragments = SplitV4(id, FrameBuilder.Udp(V4Source, V4Destination, 40000, 40001, payload), size, 17);
        if (reverse)
            fragments.Reverse();
        return (payload, fragments);
    }

    private static (byte[], List<byte[]>) Udp6(uint id, byte[] payload, int size, bool reverse)
    {
        var fragments = SplitV6(id, FrameBuilder.Udp(V6Source, V6Destination, 40000, 40001, payload), size, 17, OptionsHeader(FragmentHeader), HopByHop);
        if (reverse)
            fragments.Reverse();
        return (payload, fragments);
    }

    private static List<string> RunTshark(string path) =>
        [.. Tool.RunChecked(Tshark, "-r", path, "-o", "ip.defragment:TRUE", "-o", "ipv6.defragment:TRUE", "-Y", "udp", "-T", "fields",
            "-e", "ip.reassembled.length", "-e", "ipv6.reassembled.length", "-e", "data.data").Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
