using System.Text;
using RustIds.Packets.AppLayer.Common.Tests;

namespace RustIds.Packets.AppLayer.Tls.Tests;

/// <summary>Compares JA3, JA3S and SNI with Wireshark's dissector on a capture of seeded random handshakes.</summary>
public sealed class TsharkOracleTests : IDisposable
{
    private const string Tshark = "/usr/bin/tshark";
    private const int Flows = 40;

    private static readonly ushort[] OpaqueTypes = [0x0017, 0x0023, 0x0015, 0x1234, 0x3344, 0x7a00, 0xff02];

    private readonly string _directory = Directory.CreateTempSubdirectory("rustids-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void Parse_RandomHandshakes_Ja3Ja3sAndSniMatchTshark()
    {
        Skip.IfNot(ExternalTool.Exists(Tshark), "tshark is not installed");
        var random = new Random(20260412);
        var pcap = Path.Combine(_directory, "handshakes.pcap");
        var ours = new List<string>();
        using (var writer = PcapFileWriter.Create(pcap, LinkType.Ethernet))
        {
            for (var flow = 0; flow < Flows; flow++)
            {
                var clientBody = flow == 0 ? TlsSamples.ChromeClientHelloBody() : RandomClientHello(random);
                var client = TlsBytes.Records(22, TlsBytes.Handshake(1, clientBody), maxFragment: random.Next(2) == 0 ? 16384 : random.Next(60, 400));
                var server = TlsBytes.Records(22, TlsBytes.Handshake(2, RandomServerHello(random)), version: 0x0303);
                WriteFlow(writer, (ushort)(40000 + flow), client, server, flow);
                ours.AddRange(ParseWithUs(client, server, flow));
            }
        }

        var output = ExternalTool.Run(Tshark, "-r", pcap, "-n", "-Y", "tls.handshake.type == 1 || tls.handshake.type == 2",
            "-T", "fields", "-E", "separator=|", "-e", "tcp.stream", "-e", "tls.handshake.ja3_full", "-e", "tls.handshake.ja3",
            "-e", "tls.handshake.ja3s_full", "-e", "tls.handshake.ja3s", "-e", "tls.handshake.extensions_server_name");
        var theirs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2 * Flows, theirs.Length);
        Assert.Equal(theirs, ours);
    }

    private static List<string> ParseWithUs(byte[] client, byte[] server, int flow)
    {
        var observer = new RecordingObserver();
        var parser = new TlsParser(TlsParserOptions.Default, new TlsCounters());
        parser.Parse(FlowDirection.ToServer, client, observer);
        parser.Parse(FlowDirection.ToClient, server, observer);
        var c = Assert.Single(observer.ClientHellos);
        var s = Assert.Single(observer.ServerHellos);
        return [$"{flow}|{c.Ja3}|{c.Ja3Hash}|||{c.ServerName}", $"{flow}|||{s.Ja3s}|{s.Ja3sHash}|"];
    }

    private static void WriteFlow(PcapFileWriter writer, ushort clientPort, byte[] client, byte[] server, int flow)
    {
        var clientAddress = IpAddr.Parse("10.0.0.1");
        var serverAddress = IpAddr.Parse("10.0.0.2");
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks + (flow * TimeSpan.TicksPerSecond);
        const uint ClientIsn = 1000;
        const uint ServerIsn = 5000;
        void Write(bool fromClient, TcpFlags flags, uint sequence, uint acknowledgement, byte[]? payload)
        {
            var frame = fromClient
                ? FrameBuilder.EthernetTcp(clientAddress, clientPort, serverAddress, 443, flags, payload, sequence, acknowledgement)
                : FrameBuilder.EthernetTcp(serverAddress, 443, clientAddress, clientPort, flags, payload, sequence, acknowledgement);
            writer.WritePacket(frame, time += 1000);
        }
        Write(true, TcpFlags.Syn, ClientIsn, 0, null);
        Write(false, TcpFlags.Syn | TcpFlags.Ack, ServerIsn, ClientIsn + 1, null);
        Write(true, TcpFlags.Ack, ClientIsn + 1, ServerIsn + 1, null);
        Write(true, TcpFlags.Psh | TcpFlags.Ack, ClientIsn + 1, ServerIsn + 1, client);
        Write(false, TcpFlags.Psh | TcpFlags.Ack, ServerIsn + 1, ClientIsn + 1 + (uint)client.Length, server);
    }

    private static byte[] RandomClientHello(Random random)
    {
        ushort[] versions = [0x0301, 0x0302, 0x0303];
        var ciphers = Enumerable.Range(0, random.Next(1, 60)).Select(_ => RandomCode(random)).ToArray();
        var extensions = new List<(ushort, byte[])>();
        if (random.Next(4) > 0)
            extensions.Add(TlsBytes.Sni(RandomHost(random)));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.Alpn(random.Next(2) == 0 ? ["h2", "http/1.1"] : ["http/1.1"]));
        if (random.Next(4) > 0)
            extensions.Add(TlsBytes.Groups(Enumerable.Range(0, random.Next(1, 8)).Select(_ => RandomCode(random)).ToArray()));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.PointFormats(Enumerable.Range(0, random.Next(1, 4)).Select(i => (byte)i).ToArray()));
        if (random.Next(4) > 0)
            extensions.Add(TlsBytes.SignatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.SupportedVersions(0x2a2a, 0x0304, 0x0303));
        foreach (var type in OpaqueTypes.Where(_ => random.Next(3) == 0))
            extensions.Add(TlsBytes.Opaque(type, type is 0x0017 ? 0 : random.Next(0, 20)));
        if (random.Next(2) == 0)
            extensions.Insert(0, TlsBytes.Opaque((ushort)(0x0a0a + (0x1010 * random.Next(16)))));
        var shuffled = extensions.OrderBy(_ => random.Next()).ToArray();
        return TlsBytes.ClientHelloBody(versions[random.Next(versions.Length)], ciphers, shuffled.Length == 0 && random.Next(2) == 0 ? null : shuffled);
    }

    private static byte[] RandomServerHello(Random random)
    {
        var extensions = new List<(ushort, byte[])>();
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.Opaque(0xff01, 1));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.Opaque(0x0017));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.Alpn("h2"));
        if (random.Next(2) == 0)
            extensions.Add(TlsBytes.PointFormats(0));
        var shuffled = extensions.OrderBy(_ => random.Next()).ToArray();
        return TlsBytes.ServerHelloBody(0x0303, RandomCode(random), shuffled.Length == 0 ? null : shuffled);
    }

    private static ushort RandomCode(Random random) =>
        random.Next(6) == 0 ? (ushort)(0x0a0a + (0x1010 * random.Next(16))) : (ushort)random.Next(1, 0xffff);

    private static string RandomHost(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(1, 30); i > 0; i--)
            builder.Append((char)('a' + random.Next(26)));
        return builder.Append(".example").ToString();
    }
}
