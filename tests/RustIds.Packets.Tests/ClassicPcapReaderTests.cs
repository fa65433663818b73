using System.Buffers.Binary;

namespace RustIds.Packets.Tests;

/// <summary>Classic pcap read by ClassicPcapReader gives exactly what libpcap gives, frame for frame and error for error.</summary>
public sealed class ClassicPcapReaderTests
{
    [SkippableTheory]
    [InlineData("conformance", 5000)]
    [InlineData("bench", 20000)]
    public void ReadNext_GeneratedCapture_SameFramesAsLibpcap(string profile, int packets)
    {
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to generate the capture");
        using var temp = new TempDirectory();
        var path = GeneratedCapture.Create(temp.Path, profile, packets);

        Assert.Equal(packets, AssertSameAsLibpcap(path));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ReadNext_EitherByteOrderAndPrecision_SameFramesAsLibpcap(bool bigEndian, bool nanosecond)
    {
        using var temp = new TempDirectory();
        var path = temp.File("ordered.pcap");
        var frames = Frames.EthernetFrames().Select(f => f.Frame).ToArray();
        File.WriteAllBytes(path, Capture(bigEndian, nanosecond, snapLength: 65535, linkType: 1,
            frames.Select((f, i) => (f, Frames.BaseTicks + (i * 12_345_670L), f.Length + 4))));

        Assert.Equal(frames.Length, AssertSameAsLibpcap(path));
    }

    [Fact]
    public void Open_LinktypeRaw_HandedOverAsLibpcapDoes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("raw.pcap");
        var ip = Frames.IpPackets().First().Ip;
        File.WriteAllBytes(path, Capture(false, false, 65535, linkType: 101, [(ip, Frames.BaseTicks, ip.Length)]));

        using var classic = PcapFileSource.Open(path);
        using var libpcap = PcapFileSource.OpenWithLibpcap(path);
        Assert.Equal(libpcap.LinkType, classic.LinkType);
        Assert.Equal(1, AssertSameAsLibpcap(path));
    }

    [Fact]
    public void ReadNext_RecordLongerThanSnapLength_CutToItAsLibpcapDoes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("snap.pcap");
        var frame = FrameBuilder.EthernetTcp(Frames.ClientV4, 1, Frames.ServerV4, 2, TcpFlags.Ack, new byte[400]);
        File.WriteAllBytes(path, Capture(false, false, snapLength: 96, linkType: 1, [(frame, Frames.BaseTicks, frame.Length), (frame, Frames.BaseTicks + 10, frame.Length)]));

        Assert.Equal(2, AssertSameAsLibpcap(path));
        using var source = PcapFileSource.Open(path);
        Assert.Equal(PacketReadResult.Packet, source.ReadNext(out var read));
        Assert.Equal(96, read.Data.Length);
        Assert.Equal(frame.Length, read.WireLength);
    }

    [Fact]
    public void ReadNext_RecordsLongerThanAReadChunk_SameFramesAsLibpcap()
    {
        using var temp = new TempDirectory();
        var path = temp.File("jumbo.pcap");
        // Records of 200 KB and small ones between them, so records straddle every chunk boundary and some exceed a chunk.
        var random = new Random(7);
        var records = Enumerable.Range(0, 12).Select(i =>
        {
            var frame = new byte[i % 3 == 0 ? 200_000 : 60 + (i * 997)];
            random.NextBytes(frame);
            return (frame, Frames.BaseTicks + i, frame.Length);
        }).ToArray();
        File.WriteAllBytes(path, Capture(false, false, snapLength: 262144, linkType: 1, records));

        Assert.Equal(records.Length, AssertSameAsLibpcap(path));
        Assert.True(new FileInfo(path).Length > 3 * ClassicPcapReader.ChunkBytes);
    }

    [Fact]
    public void Open_Pcapng_GoesToLibpcap()
    {
        using var temp = new TempDirectory();
        var path = temp.File("empty.pcapng");
        // A section header block and an Ethernet interface description, nothing else.
        File.WriteAllBytes(path, Convert.FromHexString(
            "0A0D0D0A1C0000004D3C2B1A01000000FFFFFFFFFFFFFFFF1C000000" + "01000000140000000100000000000400" + "14000000"));

        using var source = PcapFileSource.Open(path);

        Assert.Equal(LinkType.Ethernet, source.LinkType);
        Assert.Equal(PacketReadResult.EndOfFile, source.ReadNext(out _));
    }

    [Fact]
    public void Open_MissingFile_LibpcapsWording()
    {
        var ex = Assert.Throws<PcapException>(() => PcapFileSource.Open("/nonexistent/capture.pcap"));

        Assert.Contains("/nonexistent/capture.pcap: No such file or directory", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(16 + 30)]
    public void ReadNext_FileCutInARecord_SameErrorAsLibpcap(int keptOfSecondRecord)
    {
        using var temp = new TempDirectory();
        var path = temp.File("cut.pcap");
        var frame = FrameBuilder.EthernetTcp(Frames.ClientV4, 1, Frames.ServerV4, 2, TcpFlags.Syn, new byte[100]);
        var bytes = Capture(false, false, 65535, 1, [(frame, Frames.BaseTicks, frame.Length), (frame, Frames.BaseTicks, frame.Length)]);
        File.WriteAllBytes(path, bytes[..(24 + 16 + frame.Length + keptOfSecondRecord)]);

        var (classicError, libpcapError) = (ErrorAfterOneFrame(PcapFileSource.Open(path)), ErrorAfterOneFrame(PcapFileSource.OpenWithLibpcap(path)));

        Assert.Contains("truncated dump file", classicError, StringComparison.Ordinal);
        Assert.Equal(libpcapError, classicError);
    }

    [Fact]
    public void ReadNext_CaptureLengthBeyondLibpcapsMaximum_SameErrorAsLibpcap()
    {
        using var temp = new TempDirectory();
        var path = temp.File("huge.pcap");
        var bytes = Capture(false, false, 65535, 1, [(new byte[60], Frames.BaseTicks, 60), (new byte[60], Frames.BaseTicks, 60)]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 16 + 60 + 8), 300_000);
        File.WriteAllBytes(path, bytes);

        var (classicError, libpcapError) = (ErrorAfterOneFrame(PcapFileSource.Open(path)), ErrorAfterOneFrame(PcapFileSource.OpenWithLibpcap(path)));

        Assert.Contains("invalid packet capture length 300000", classicError, StringComparison.Ordinal);
        Assert.Equal(libpcapError, classicError);
    }

    /// <summary>Reads <paramref name="path"/> with both readers side by side and asserts every frame agrees; returns the count.</summary>
    private static int AssertSameAsLibpcap(string path)
    {
        using var classic = PcapFileSource.Open(path);
        using var libpcap = PcapFileSource.OpenWithLibpcap(path);
        Assert.Equal(libpcap.LinkType, classic.LinkType);
        var count = 0;
        while (true)
        {
            var expected = libpcap.ReadNext(out var want);
            var actual = classic.ReadNext(out var got);
            Assert.Equal(expected, actual);
            if (expected != PacketReadResult.Packet)
                return count;
            Assert.True(want.Data.SequenceEqual(got.Data), $"frame {count} differs");
            Assert.Equal(want.TimestampTicks, got.TimestampTicks);
            Assert.Equal(want.WireLength, got.WireLength);
            count++;
        }
    }

    private static string? ErrorAfterOneFrame(PcapFileSource source)
    {
        using (source)
        {
            Assert.Equal(PacketReadResult.Packet, source.ReadNext(out _));
            Assert.Equal(PacketReadResult.Error, source.ReadNext(out _));
            return source.LastError;
        }
    }

    /// <summary>A classic pcap file written by hand, in either byte order and timestamp precision.</summary>
    private static byte[] Capture(bool bigEndian, bool nanosecond, uint snapLength, uint linkType, IEnumerable<(byte[] Frame, long Ticks, int WireLength)> records)
    {
        var output = new List<byte>();
        void Put32(uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            if (bigEndian)
                BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            output.AddRange(bytes.ToArray());
        }
        void Put16(ushort value) => output.AddRange(bigEndian ? [(byte)(value >> 8), (byte)value] : [(byte)value, (byte)(value >> 8)]);
        Put32(nanosecond ? 0xA1B23C4D : 0xA1B2C3D4);
        Put16(2);
        Put16(4);
        Put32(0);
        Put32(0);
        Put32(snapLength);
        Put32(linkType);
        foreach (var (frame, ticks, wire) in records)
        {
            var sinceEpoch = ticks - DateTime.UnixEpoch.Ticks;
            Put32((uint)(sinceEpoch / TimeSpan.TicksPerSecond));
            var fraction = sinceEpoch % TimeSpan.TicksPerSecond;
            Put32((uint)(nanosecond ? fraction * 100 : fraction / 10));
            Put32((uint)frame.Length);
            Put32((uint)wire);
            output.AddRange(frame);
        }
        return [.. output];
    }
}
