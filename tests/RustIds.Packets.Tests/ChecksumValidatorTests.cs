namespace RustIds.Packets.Tests;

public sealed class ChecksumValidatorTests
{
    public static TheoryData<string, byte[]> ValidFrames => new()
    {
        { "tcp v4", FrameBuilder.EthernetTcp(Frames.ClientV4, 40000, Frames.ServerV4, 80, TcpFlags.Psh | TcpFlags.Ack, "GET / HTTP/1.1\r\n\r\n"u8) },
        { "udp v4 odd length", FrameBuilder.EthernetUdp(Frames.ClientV4, 5000, Frames.ServerV4, 53, "abc"u8) },
        { "tcp v6", FrameBuilder.EthernetTcp(Frames.ClientV6, 40000, Frames.ServerV6, 443, TcpFlags.Syn) },
        { "udp v6", FrameBuilder.EthernetUdp(Frames.ClientV6, 5000, Frames.ServerV6, 53, "query"u8) },
        { "icmp v4", FrameBuilder.Ethernet(FrameBuilder.Ip(Frames.ClientV4, Frames.ServerV4, IpProtocol.Icmp, FrameBuilder.Icmp(Frames.ClientV4, Frames.ServerV4, 8, 0, [0, 1, 0, 1, 9]))) },
        { "icmp v6", FrameBuilder.Ethernet(FrameBuilder.Ip(Frames.ClientV6, Frames.ServerV6, IpProtocol.IcmpV6, FrameBuilder.Icmp(Frames.ClientV6, Frames.ServerV6, 128, 0, [0, 1, 0, 1]))) },
    };

    [Theory]
    [MemberData(nameof(ValidFrames))]
    public void Validate_CorrectChecksums_Valid(string kind, byte[] frame)
    {
        Assert.Equal(ChecksumStatus.Valid, Validate(frame));
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Theory]
    [InlineData(14 + 10, ChecksumStatus.Ipv4HeaderInvalid)] // IPv4 header checksum byte
    [InlineData(14 + 20 + 16, ChecksumStatus.TcpInvalid)]   // TCP checksum byte
    [InlineData(14 + 20 + 20, ChecksumStatus.TcpInvalid)]   // first payload byte
    public void Validate_TcpV4ByteFlipped_InvalidByKind(int offset, ChecksumStatus expected)
    {
        var frame = FrameBuilder.EthernetTcp(Frames.ClientV4, 40000, Frames.ServerV4, 80, TcpFlags.Psh | TcpFlags.Ack, "GET / HTTP/1.1\r\n\r\n"u8);
        frame[offset] ^= 0x5A;
        Assert.Equal(expected, Validate(frame));
    }

    [Fact]
    public void Validate_UdpV4ZeroChecksum_ValidAsNotComputed()
    {
        var frame = FrameBuilder.EthernetUdp(Frames.ClientV4, 5000, Frames.ServerV4, 53, "abc"u8);
        frame[14 + 20 + 6] = 0;
        frame[14 + 20 + 7] = 0;
        Assert.Equal(ChecksumStatus.Valid, Validate(frame));
    }

    [Fact]
    public void Validate_UdpV6PayloadChanged_UdpInvalid()
    {
        var frame = FrameBuilder.EthernetUdp(Frames.ClientV6, 5000, Frames.ServerV6, 53, "query"u8);
        frame[^1] ^= 1;
        Assert.Equal(ChecksumStatus.UdpInvalid, Validate(frame));
    }

    [SkippableFact]
    public void Validate_CapturedWithOffload_AgreesWithTshark()
    {
        // The sample was captured on a veth pair with TX checksum offload: IPv4 headers are right,
        // TCP checksums were left for hardware that never ran. tshark's verdict per frame is the oracle.
        Skip.If(TsharkOracle.Path is null, "tshark is not installed (Debian package tshark)");
        var verdicts = Tool.RunChecked(TsharkOracle.Path!, "-r", RepoPaths.SqliPcap, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
            "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var source = PcapFileSource.Open(RepoPaths.SqliPcap);
        var index = 0;
        while (source.ReadNext(out var frame) == PacketReadResult.Packet)
        {
            var packet = default(Packet);
            Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(source.LinkType, frame.Data, ref packet));
            var tshark = verdicts[index++].Split('\t'); // 1 = good, 0 = bad
            var expected = tshark[0] != "1" ? ChecksumStatus.Ipv4HeaderInvalid : tshark[1] != "1" ? ChecksumStatus.TcpInvalid : ChecksumStatus.Valid;
            Assert.Equal(expected, ChecksumValidator.Validate(in packet));
        }
        Assert.Equal(24, index);
    }

    private static ChecksumStatus Validate(byte[] frame)
    {
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkType.Ethernet, frame, ref packet));
        return ChecksumValidator.Validate(in packet);
    }
}
