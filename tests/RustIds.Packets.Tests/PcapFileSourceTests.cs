namespace RustIds.Packets.Tests;

public sealed class PcapFileSourceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadNext_WrittenCapture_SameFramesAndTimestamps(bool nanosecond)
    {
        using var temp = new TempDirectory();
        var path = temp.File("roundtrip.pcap");
        var frames = Frames.EthernetFrames().Select(f => f.Frame).ToArray();
        var ticks = Frames.BaseTicks + 1234567; // 123.4567 ms: microsecond files keep 123.456 ms
        using (var writer = PcapFileWriter.Create(path, LinkType.Ethernet, nanosecond))
        {
            foreach (var frame in frames)
                writer.WritePacket(frame, ticks, wireLength: frame.Length + 4);
        }

        using var source = PcapFileSource.Open(path);
        Assert.Equal(LinkType.Ethernet, source.LinkType);
        foreach (var frame in frames)
        {
            Assert.Equal(PacketReadResult.Packet, source.ReadNext(out var read));
            Assert.Equal(frame, read.Data.ToArray());
            Assert.Equal(frame.Length + 4, read.WireLength);
            Assert.Equal(nanosecond ? ticks : ticks - 7, read.TimestampTicks);
        }
        Assert.Equal(PacketReadResult.EndOfFile, source.ReadNext(out _));
        Assert.Null(source.LastError);
    }

    [Fact]
    public void ReadNext_CaptureSpanningSeveralReadBuffers_EveryFrameIntact()
    {
        using var temp = new TempDirectory();
        var path = temp.File("large.pcap");
        // Odd frame sizes, so records straddle the stdio buffer's refills at every offset.
        var frameCount = 3 * PcapFileSource.ReadBufferBytes / 1000;
        byte[] Frame(int i) => [.. Enumerable.Range(0, 900 + (i % 211)).Select(b => (byte)(b * 31 + i))];
        using (var writer = PcapFileWriter.Create(path, LinkType.Ethernet))
        {
            for (var i = 0; i < frameCount; i++)
                writer.WritePacket(Frame(i), Frames.BaseTicks + (i * TimeSpan.TicksPerMicrosecond));
        }

        using var source = PcapFileSource.Open(path);
        for (var i = 0; i < frameCount; i++)
        {
            Assert.Equal(PacketReadResult.Packet, source.ReadNext(out var read));
            Assert.True(Frame(i).AsSpan().SequenceEqual(read.Data), $"frame {i} differs");
            Assert.Equal(Frames.BaseTicks + (i * TimeSpan.TicksPerMicrosecond), read.TimestampTicks);
        }
        Assert.Equal(PacketReadResult.EndOfFile, source.ReadNext(out _));
    }

    [SkippableFact]
    public void Open_Pcapng_ReadsFrames()
    {
        var editcap = Tool.Find("editcap");
        Skip.If(editcap is null, "editcap is not installed (Debian package wireshark-common)");
        using var temp = new TempDirectory();
        var pcap = temp.File("in.pcap");
        using (var writer = PcapFileWriter.Create(pcap, LinkType.Raw))
            writer.WritePacket(Frames.IpPackets().First().Ip, Frames.BaseTicks);
        var pcapng = temp.File("out.pcapng");
        Tool.RunChecked(editcap, "-F", "pcapng", pcap, pcapng);

        using var source = PcapFileSource.Open(pcapng);
        Assert.True(source.LinkType is LinkType.Raw or LinkType.RawDlt12);
        Assert.Equal(PacketReadResult.Packet, source.ReadNext(out var frame));
        Assert.Equal(Frames.BaseTicks, frame.TimestampTicks);
        var packet = default(Packet);
        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(source.LinkType, frame.Data, ref packet));
    }

    [Fact]
    public void Open_MissingFile_PcapExceptionWithPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rustids-missing-{Guid.NewGuid():N}.pcap");
        var error = Assert.Throws<PcapException>(() => PcapFileSource.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.CaptureSource);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Open_EmptyOrGarbageFile_PcapExceptionWithReason(int garbageLength)
    {
        using var temp = new TempDirectory();
        var path = temp.File("garbage.pcap");
        var bytes = new byte[garbageLength];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<PcapException>(() => PcapFileSource.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(garbageLength == 0 ? "truncated dump file" : "unknown file format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNext_TruncatedRecord_ErrorWithLibpcapMessage()
    {
        using var temp = new TempDirectory();
        var path = temp.File("truncated.pcap");
        var frame = FrameBuilder.EthernetTcp(Frames.ClientV4, 1, Frames.ServerV4, 2, TcpFlags.Syn, new byte[1460]);
        using (var writer = PcapFileWriter.Create(path, LinkType.Ethernet))
        {
            writer.WritePacket(frame, Frames.BaseTicks);
            writer.WritePacket(frame, Frames.BaseTicks);
        }
        using (var stream = File.OpenWrite(path))
            stream.SetLength(24 + 16 + frame.Length + 16 + 20);

        using var source = PcapFileSource.Open(path);
        Assert.Equal(PacketReadResult.Packet, source.ReadNext(out _));
        Assert.Equal(PacketReadResult.Error, source.ReadNext(out _));
        Assert.EndsWith($"truncated.pcap: truncated dump file; tried to read {frame.Length} captured bytes, only got 20", source.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryMissing_Message_NamesDebianPackage()
    {
        var error = PcapException.LibraryMissing(["libpcap.so.1", "libpcap.so.0.8"]);
        Assert.Contains("libpcap0.8", error.Message, StringComparison.Ordinal);
        Assert.Contains("libpcap.so.1", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void MemorySource_ReadAndRewind_ReplaysFrames()
    {
        using var source = new MemoryPacketSource(LinkType.Raw);
        source.Add([0x45], 10);
        Assert.Equal(PacketReadResult.Packet, source.ReadNext(out var frame));
        Assert.Equal((1, 10L), (frame.WireLength, frame.TimestampTicks));
        Assert.Equal(PacketReadResult.EndOfFile, source.ReadNext(out _));
        source.Rewind();
        Assert.Equal(PacketReadResult.Packet, source.ReadNext(out _));
    }
}
