using BenchmarkDotNet.Attributes;
using RustIds.Packets;

namespace RustIds.Benchmarks;

/// <summary>One frame through <see cref="PacketDecoder.Decode"/> per operation, by kind of frame.</summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    private static readonly IpAddr ClientV4 = IpAddr.Parse("10.1.0.5");
    private static readonly IpAddr ServerV4 = IpAddr.Parse("10.1.0.1");
    private static readonly IpAddr ClientV6 = IpAddr.Parse("2001:db8::5");
    private static readonly IpAddr ServerV6 = IpAddr.Parse("2001:db8::1");
    private byte[] _tcpV4 = null!;
    private byte[] _udpV6 = null!;
    private byte[] _vlanTcpV4 = null!;
    private byte[] _greTcpV4 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var payload = new byte[512];
        _tcpV4 = FrameBuilder.EthernetTcp(ClientV4, 40000, ServerV4, 80, TcpFlags.Psh | TcpFlags.Ack, payload, 1000, 2000);
        _udpV6 = FrameBuilder.EthernetUdp(ClientV6, 5353, ServerV6, 53, payload.AsSpan(0, 60));
        var ip = FrameBuilder.Ip(ClientV4, ServerV4, IpProtocol.Tcp, FrameBuilder.Tcp(ClientV4, ServerV4, 40000, 80, TcpFlags.Ack, payload: payload));
        _vlanTcpV4 = FrameBuilder.Ethernet(ip, 100, 200);
        var gre = new byte[4 + ip.Length];
        gre[2] = 0x08;
        ip.CopyTo(gre, 4);
        _greTcpV4 = FrameBuilder.Ethernet(FrameBuilder.Ip(IpAddr.Parse("192.0.2.1"), IpAddr.Parse("192.0.2.2"), IpProtocol.Gre, gre));
    }

    [Benchmark(Baseline = true, Description = "Ethernet/IPv4/TCP")]
    public DecodeStatus TcpV4() => Decode(_tcpV4);

    [Benchmark(Description = "Ethernet/IPv6/UDP")]
    public DecodeStatus UdpV6() => Decode(_udpV6);

    [Benchmark(Description = "QinQ/IPv4/TCP")]
    public DecodeStatus QinQTcpV4() => Decode(_vlanTcpV4);

    [Benchmark(Description = "IPv4/GRE/IPv4/TCP")]
    public DecodeStatus GreTcpV4() => Decode(_greTcpV4);

    [Benchmark(Description = "checksums of Ethernet/IPv4/TCP")]
    public ChecksumStatus ChecksumTcpV4()
    {
        var packet = default(Packet);
        PacketDecoder.Decode(LinkType.Ethernet, _tcpV4, ref packet);
        return ChecksumValidator.Validate(in packet);
    }

    private static DecodeStatus Decode(byte[] frame)
    {
        var packet = default(Packet);
        return PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet);
    }
}
