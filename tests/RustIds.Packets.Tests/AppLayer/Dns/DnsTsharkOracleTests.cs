using System.Text;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

/// <summary>Compares the decoded names and addresses with Wireshark's DNS dissector, an independent implementation.</summary>
public sealed class DnsTsharkOracleTests
{
    private const string Tshark = "/usr/bin/tshark";

    private static readonly string[] Fields =
    [
        "dns.id", "dns.qry.name", "dns.a", "dns.aaaa", "dns.cname", "dns.mx.mail_exchange", "dns.srv.target",
        "dns.ptr.domain_name", "dns.ns", "dns.soa.mname", "dns.soa.rname", "dns.txt",
    ];

    [SkippableFact]
    public void Parse_SameMessagesAsTshark_SameFields()
    {
        Skip.IfNot(File.Exists(Tshark), "tshark is not installed");
        byte[][] messages = [DnsSamples.Query, DnsSamples.Response, DnsSamples.RichResponse()];
        var directory = Directory.CreateTempSubdirectory("rustids-dns-");
        try
        {
            var pcap = Path.Combine(directory.FullName, "dns.pcap");
            using (var writer = PcapFileWriter.Create(pcap, LinkType.Ethernet))
            {
                var client = IpAddr.Parse("192.0.2.10");
                var server = IpAddr.Parse("192.0.2.53");
                for (var i = 0; i < messages.Length; i++)
                {
                    var toServer = i == 0;
                    var frame = toServer
                        ? FrameBuilder.EthernetUdp(client, 40000, server, 53, messages[i])
                        : FrameBuilder.EthernetUdp(server, 53, client, 40000, messages[i]);
                    writer.WritePacket(frame, new DateTime(2024, 1, 1, 0, 0, i, DateTimeKind.Utc).Ticks);
                }
            }

            var expected = RunTshark(pcap);

            Assert.Equal(messages.Length, expected.Length);
            for (var i = 0; i < messages.Length; i++)
                Assert.Equal(expected[i], Describe(messages[i]));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string[] RunTshark(string pcap)
    {
        List<string> arguments = ["-n", "-r", pcap, "-T", "fields", "-E", "separator=|", "-E", "aggregator=,", "-E", "occurrence=a"];
        foreach (var field in Fields)
            arguments.AddRange(["-e", field]);
        return Tool.RunChecked(Tshark, [.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Our decode, in tshark's field order and format.</summary>
    private static string Describe(byte[] bytes)
    {
        var message = new DnsMessage();
        Assert.Equal(DnsParseStatus.Ok, DnsMessageParser.Parse(bytes, message, new DnsCounters()));
        var columns = new List<string>[Fields.Length];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = [];
        columns[0].Add($"0x{message.Id:x4}");
        for (var i = 0; i < message.QuestionCount; i++)
            columns[1].Add(Text(message.GetQuestion(i).Name));
        for (var section = DnsSection.Answer; section <= DnsSection.Additional; section++)
        {
            for (var i = 0; i < message.GetRecordCount(section); i++)
            {
                var record = message.GetRecord(section, i);
                switch (record.Type)
                {
                    case DnsRecordType.A: columns[2].Add(record.Address.ToString()); break;
                    case DnsRecordType.AAAA: columns[3].Add(record.Address.ToString()); break;
                    case DnsRecordType.CNAME: columns[4].Add(Text(record.Target)); break;
                    case DnsRecordType.MX: columns[5].Add(Text(record.Target)); break;
                    case DnsRecordType.SRV: columns[6].Add(Text(record.Target)); break;
                    case DnsRecordType.PTR: columns[7].Add(Text(record.Target)); break;
                    case DnsRecordType.NS: columns[8].Add(Text(record.Target)); break;
                    case DnsRecordType.SOA:
                        columns[9].Add(Text(record.Target));
                        columns[10].Add(Text(record.Mailbox));
                        break;
                    case DnsRecordType.TXT:
                        foreach (var s in record.TxtStrings)
                            columns[11].Add(Text(s));
                        break;
                }
            }
        }
        var line = new StringBuilder();
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
                line.Append('|');
            line.AppendJoin(',', columns[i]);
        }
        return line.ToString();
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
