using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using RustIds.Packets;
using RustIds.Packets.AppLayer.Coap;
using RustIds.Packets.AppLayer.Dns;
using RustIds.Packets.AppLayer.Http;
using RustIds.Packets.AppLayer.Mqtt;
using RustIds.Packets.AppLayer.Ssh;
using RustIds.Packets.AppLayer.Tls;

namespace RustIds.Benchmarks;

/// <summary>Each app-layer parser on one typical message per operation, after warm-up.</summary>
[MemoryDiagnoser]
public class AppLayerBenchmarks
{
    private readonly byte[] _httpRequest = Encoding.ASCII.GetBytes(
        "GET /products/list.php?page=2&sort=price%20asc HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0\r\n"
        + "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-GB,en;q=0.5\r\nCookie: session=0123456789abcdef; theme=dark\r\nReferer: https://shop.example/\r\nConnection: keep-alive\r\n\r\n");
    private readonly byte[] _httpResponse = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 512\r\nServer: nginx\r\n\r\n" + new string('x', 512));
    private readonly byte[] _dnsResponse = DnsResponse();
    private readonly byte[] _clientHello = ClientHello("www.example.com");
    private readonly HttpParser _http = new(new HttpParserOptions(), new HttpCounters());
    private readonly TlsParser _tls = new(new TlsParserOptions(), new TlsCounters());
    private readonly TlsParser _tlsNoFingerprints = new(new TlsParserOptions { EnableJa3 = false, EnableJa4 = false }, new TlsCounters());
    private readonly DnsMessage _dnsMessage = new();
    private readonly DnsCounters _dnsCounters = new();
    private readonly Observer _observer = new();
    private readonly byte[] _sshServer = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
    private readonly byte[] _sshClient = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6\r\n");
    private readonly SshParser _ssh = new(new SshParserOptions(), new SshCounters());
    private readonly MqttParser _mqtt = new(new MqttParserOptions(), new MqttCounters());
    private readonly byte[] _mqttConnect = [0x10, 0x1C, 0, 4, .. "MQTT"u8, 4, 0x02, 0, 60, 0, 16, .. "sensor-0042-room"u8];
    private readonly byte[] _mqttPublish = [0x30, 0x1A, 0, 14, .. "home/room/temp"u8, .. "{\"c\":21.5}"u8];
    private readonly CoapMessage _coap = new(new CoapParserOptions());
    private readonly CoapCounters _coapCounters = new();
    private readonly byte[] _coapGet = [0x42, 0x01, 0x12, 0x34, 0xAB, 0xCD, 0xB6, .. "sensor"u8, 0x04, .. "temp"u8];

    [Benchmark(Description = "HTTP request + 512-byte response")]
    public int Http()
    {
        _http.Parse(FlowDirection.ToServer, _httpRequest, _observer);
        _http.Parse(FlowDirection.ToClient, _httpResponse, _observer);
        return _observer.Count;
    }

    [Benchmark(Description = "SSH banners, both sides")]
    public int Ssh()
    {
        _ssh.Reset();
        _ssh.Parse(FlowDirection.ToClient, _sshServer, _observer);
        _ssh.Parse(FlowDirection.ToServer, _sshClient, _observer);
        return _observer.Count;
    }

    [Benchmark(Description = "MQTT CONNECT + PUBLISH")]
    public int Mqtt()
    {
        _mqtt.Reset();
        _mqtt.Parse(FlowDirection.ToServer, _mqttConnect, _observer);
        _mqtt.Parse(FlowDirection.ToServer, _mqttPublish, _observer);
        return _observer.Count;
    }

    [Benchmark(Description = "CoAP GET /sensor/temp")]
    public CoapParseStatus Coap() => CoapMessageParser.Parse(_coapGet, _coap, _coapCounters);

    [Benchmark(Description = "DNS response, 3 answers, compressed")]
    public DnsParseStatus Dns() => DnsMessageParser.Parse(_dnsResponse, _dnsMessage, _dnsCounters);

    [Benchmark(Description = "TLS ClientHello with JA3 + JA4")]
    public int TlsClientHello()
    {
        _tls.Reset();
        _tls.Parse(FlowDirection.ToServer, _clientHello, _observer);
        return _observer.Count;
    }

    [Benchmark(Description = "TLS ClientHello, fingerprints off")]
    public int TlsClientHelloNoFingerprints()
    {
        _tlsNoFingerprints.Reset();
        _tlsNoFingerprints.Parse(FlowDirection.ToServer, _clientHello, _observer);
        return _observer.Count;
    }

    /// <summary>A response for www.example.com: CNAME to edge.example.net, two A records, names compressed.</summary>
    private static byte[] DnsResponse()
    {
        var m = new List<byte> { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0 };
        m.AddRange([3, .. "www"u8, 7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1]);
        m.AddRange([0xC0, 12, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 16, 4, .. "edge"u8, 7, .. "example"u8, 3, .. "net"u8, 0]);
        var target = 12 + 21 + 12;
        m.AddRange([0xC0, (byte)target, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 10]);
        m.AddRange([0xC0, (byte)target, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 11]);
        return [.. m];
    }

    /// <summary>A TLS 1.3 ClientHello record as browsers send it: 16 suites, SNI, groups, ALPN, versions, signature algorithms.</summary>
    private static byte[] ClientHello(string host)
    {
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);
        body.Add(32);
        body.AddRange(new byte[32]);
        ushort[] suites = [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035, 0x000A];
        Add16(body, suites.Length * 2);
        foreach (var suite in suites)
            Add16(body, suite);
        body.AddRange([1, 0]);
        var extensions = new List<byte>();
        var name = Encoding.ASCII.GetBytes(host);
        Extension(extensions, 0, [.. Be16(name.Length + 3), 0, .. Be16(name.Length), .. name]);
        Extension(extensions, 10, [0, 6, 0, 0x1D, 0, 0x17, 0, 0x18]);
        Extension(extensions, 11, [1, 0]);
        Extension(extensions, 13, [0, 8, 4, 3, 8, 4, 4, 1, 5, 3]);
        Extension(extensions, 16, [0, 12, 2, .. "h2"u8, 8, .. "http/1.1"u8]);
        Extension(extensions, 43, [4, 3, 4, 3, 3]);
        Add16(body, extensions.Count);
        body.AddRange(extensions);
        byte[] handshake = [1, 0, (byte)(body.Count >> 8), (byte)body.Count, .. body];
        return [22, 3, 1, .. Be16(handshake.Length), .. handshake];
    }

    private static void Extension(List<byte> into, ushort type, byte[] data)
    {
        Add16(into, type);
        Add16(into, data.Length);
        into.AddRange(data);
    }

    private static void Add16(List<byte> into, int value) => into.AddRange(Be16(value));

    private static byte[] Be16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    private sealed class Observer : IHttpObserver, ITlsObserver, ISshObserver, IMqttObserver
    {
        public void OnBanner(FlowDirection direction, SshBanner banner) => Count++;

        public void OnMessage(FlowDirection direction, MqttMessage message) => Count++;

        public int Count { get; private set; }

        public void OnRequestHeaders(HttpTransaction transaction) => Count++;

        public void OnRequestComplete(HttpTransaction transaction) => Count++;

        public void OnResponseHeaders(HttpTransaction transaction) => Count++;

        public void OnResponseComplete(HttpTransaction transaction) => Count++;

        public void OnClientHello(TlsClientHello hello) => Count += hello.Ja3Hash.Length;

        public void OnServerHello(TlsServerHello hello) => Count++;

        public void OnCertificate(TlsCertificateInfo certificate) => Count++;
    }
}
