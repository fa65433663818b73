using System.Buffers.Binary;
using System.Text;
using RustIds.Packets;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>dns.query and tls.* buffers over real frames through the packet path.</summary>
public sealed class DnsTlsRuleTests
{
    private static readonly IpAddr Client = IpAddr.Parse("10.0.0.5");
    private static readonly IpAddr Resolver = IpAddr.Parse("10.0.0.53");

    [Theory]
    [InlineData("dns.query; content:\"evil.example.com\"; bsize:16;", 1)]
    [InlineData("dns.query; dotprefix; content:\".example.com\"; endswith;", 2)]
    [InlineData("dns.query; content:\"EVIL\"; nocase; startswith;", 1)]
    [InlineData("dns_query; content:\"example.com\";", 3)]
    // dns_query is a sticky buffer in Suricata, not a modifier: the content before it stays on the payload,
    // so it is a packet rule on DNS flows and the response packet matches too.
    [InlineData("content:\"example\"; dns_query;", 4)]
    [InlineData("dns.query; content:\"example.org\";", 0)]
    public void Evaluate_DnsQueries_OneAlertPerMatchingQuery(string options, int expected)
    {
        using var run = new RuleRun($"alert dns any any -> any any (msg:\"q\"; {options} sid:1;)");

        run.Feed(Query(0x1111, "evil.example.com", fromPort: 50001))
            .Feed(Response(0x1111, "evil.example.com", toPort: 50001))
            .Feed(Query(0x2222, "www.example.com", fromPort: 50002))
            .Feed(Query(0x3333, "notexample.comx", fromPort: 50003))
            .Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_RawContentAndDnsQuery_BothOnTheQueryPacket()
    {
        // suricata-verify bug-2158's shape: a raw payload content at a fixed offset plus dns_query.
        using var run = new RuleRun(
            "alert dns any any -> any any (msg:\"rd flag and name\"; content:\"|01 00 00 01|\"; offset:2; depth:4; dns_query; content:\"evil\"; sid:2;)",
            "alert dns any any -> any any (msg:\"wrong flags\"; content:\"|81 80|\"; offset:2; depth:2; dns_query; content:\"evil\"; sid:3;)");

        run.Feed(Query(0x1111, "evil.example.com", fromPort: 50001)).Feed(Response(0x1111, "evil.example.com", toPort: 50001)).Finish();

        Assert.Equal(1, run.Count(2));
        Assert.Equal(0, run.Count(3));
    }

    [Theory]
    [InlineData("tls.sni; content:\"ftp.nluug.nl\"; bsize:12;", 1)]
    [InlineData("tls_sni; content:\"NLUUG\"; nocase;", 1)]
    [InlineData("tls.sni; content:\"example\";", 0)]
    [InlineData("ja3.hash; bsize:32;", 1)]
    [InlineData("ja3.string; content:\"771,47,0\"; startswith;", 1)]
    public void Evaluate_TlsClientHello_SniAndJa3Buffers(string options, int expected)
    {
        using var run = new RuleRun($"alert tls any any -> any any (msg:\"tls\"; {options} sid:1;)");
        var conversation = new Conversation(serverPort: 443).Handshake().Send(toServer: true, ClientHello("ftp.nluug.nl")).Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(expected, run.Count(1));
    }

    [Fact]
    public void Evaluate_TlsHeaderWithoutBuffers_IsAPacketRuleOnTlsFlows()
    {
        using var run = new RuleRun(
            "alert tls any any -> any any (msg:\"any tls packet with data\"; flow:to_server; dsize:>0; sid:1;)",
            "alert tls any any -> any any (msg:\"not tls\"; app-layer-protocol:!tls; sid:2;)");
        var conversation = new Conversation(serverPort: 443).Handshake().Send(toServer: true, ClientHello("a.example")).Close();

        run.FeedAll(conversation.Frames).Finish();

        Assert.Equal(1, run.Count(1));
        Assert.Equal(0, run.Count(2));
    }

    [SkippableFact]
    public void Evaluate_TlsCertificateChain_CertsAndSubjectBuffers()
    {
        var openssl = RustIds.Testing.Tool.Find("openssl");
        Skip.If(openssl is null, "openssl is not installed");
        using var temp = new RustIds.Testing.TempDirectory();
        var key = Path.Combine(temp.Path, "key.pem");
        var der = Path.Combine(temp.Path, "cert.der");
        RustIds.Testing.Tool.RunChecked(openssl!, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-outform", "DER", "-out", der,
            "-days", "30", "-subj", "/C=NL/O=Evil Corp/CN=c2.evil.example");
        var certificate = File.ReadAllBytes(der);
        using var run = new RuleRun(
            "alert tls any any -> any any (msg:\"cert bytes\"; tls.certs; content:\"Evil Corp\"; sid:1;)",
            "alert tls any any -> any any (msg:\"subject\"; tls.cert_subject; content:\"CN=c2.evil.example\"; endswith; sid:2;)",
            "alert tls any any -> any any (msg:\"other cert\"; tls.certs; content:\"Good Corp\"; sid:3;)");
        var conversation = new Conversation(serverPort: 443).Handshake()
            .Send(toServer: true, ClientHello("c2.evil.example"))
            .Send(toServer: false, [.. ServerHello(), .. CertificateRecord(certificate, certificate)])
            .Close();

        run.FeedAll(conversation.Frames).Finish();

        // Two copies of the certificate in the chain are two instances, but one Certificate message is one transaction.
        Assert.Equal(1, run.Count(1));
        Assert.Equal(1, run.Count(2));
        Assert.Equal(0, run.Count(3));
    }

    private static byte[] ServerHello()
    {
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.AddRange([0, 0, 0x2f, 0, 0, 0]);
        return Record(Handshake(2, body));
    }

    private static byte[] CertificateRecord(params byte[][] certificates)
    {
        var list = new List<byte>();
        foreach (var certificate in certificates)
        {
            list.AddRange([(byte)(certificate.Length >> 16), (byte)(certificate.Length >> 8), (byte)certificate.Length]);
            list.AddRange(certificate);
        }
        var body = new List<byte> { (byte)(list.Count >> 16), (byte)(list.Count >> 8), (byte)list.Count };
        body.AddRange(list);
        return Record(Handshake(11, body));
    }

    private static List<byte> Handshake(byte type, List<byte> body)
    {
        var message = new List<byte> { type, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count };
        message.AddRange(body);
        return message;
    }

    private static byte[] Record(List<byte> handshake)
    {
        var record = new List<byte> { 22, 3, 3 };
        AddLength16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static byte[] Query(ushort id, string name, ushort fromPort) =>
        Udp(Client, fromPort, Resolver, 53, FrameBuilder.DnsA(id, 0x0100, name, answer: false));

    private static byte[] Response(ushort id, string name, ushort toPort) =>
        Udp(Resolver, 53, Client, toPort, FrameBuilder.DnsA(id, 0x8180, name, answer: true));

    private static byte[] Udp(IpAddr source, ushort sourcePort, IpAddr destination, ushort destinationPort, byte[] payload) =>
        FrameBuilder.Ethernet(FrameBuilder.Ip(source, destination, IpProtocol.Udp, FrameBuilder.Udp(source, destination, sourcePort, destinationPort, payload)));


    /// <summary>A TLS 1.2 ClientHello record: one cipher suite (0x002f), no compression, a server_name extension.</summary>
    private static byte[] ClientHello(string serverName)
    {
        var name = Encoding.ASCII.GetBytes(serverName);
        var sni = new List<byte> { 0, 0 };
        AddLength16(sni, name.Length + 5);
        AddLength16(sni, name.Length + 3);
        sni.Add(0);
        AddLength16(sni, name.Length);
        sni.AddRange(name);
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.Add(0);
        body.AddRange([0, 2, 0, 0x2f, 1, 0]);
        AddLength16(body, sni.Count);
        body.AddRange(sni);
        var handshake = new List<byte> { 1, 0 };
        AddLength16(handshake, body.Count);
        handshake.AddRange(body);
        var record = new List<byte> { 22, 3, 1 };
        AddLength16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static void AddLength16(List<byte> bytes, int length)
    {
        bytes.Add((byte)(length >> 8));
        bytes.Add((byte)length);
    }
}
