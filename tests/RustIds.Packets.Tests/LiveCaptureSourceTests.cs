using System.Diagnostics;

namespace RustIds.Packets.Tests;

public sealed class LiveCaptureSourceTests
{
    [SkippableFact]
    public void ReadNext_PingFromNamespace_CapturesEchoRequests()
    {
        var ip = Tool.Find("ip");
        Skip.If(ip is null, "iproute2's ip is not installed");
        using var lab = new VethLab(ip);
        using var capture = LiveCaptureSource.Open(new LiveCaptureOptions { Interface = lab.HostInterface, BpfFilter = "icmp" });
        Assert.Equal(LinkType.Ethernet, capture.LinkType);

        var ping = StartPing(lab);
        var echoRequests = 0;
        var sources = new HashSet<string>();
        var timeouts = 0;
        var deadline = Stopwatch.StartNew();
        while (echoRequests < 3 && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            var result = capture.ReadNext(out var frame);
            if (result == PacketReadResult.Timeout)
            {
                timeouts++;
                continue;
            }
            Assert.Equal(PacketReadResult.Packet, result);
            var packet = new Packet { TimestampTicks = frame.TimestampTicks, WireLength = frame.WireLength };
            Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(capture.LinkType, frame.Data, ref packet));
            Assert.Equal(IpProtocol.Icmp, packet.Protocol);
            Assert.InRange(packet.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            sources.Add($"{packet.Source}>{packet.Destination}");
            if (packet.IcmpType == 8)
                echoRequests++;
        }
        ping.WaitForExit(TimeSpan.FromSeconds(10));

        Assert.Equal(3, echoRequests);
        Assert.Equal([$"{lab.NamespaceAddress}>{lab.HostEndAddress}"], sources);
        Assert.True(capture.GetStatistics().Received >= 3);
    }

    [SkippableFact]
    public void BreakLoop_FromOtherThread_ReadReturnsEndOfFile()
    {
        var ip = Tool.Find("ip");
        Skip.If(ip is null, "iproute2's ip is not installed");
        using var lab = new VethLab(ip);
        using var capture = LiveCaptureSource.Open(new LiveCaptureOptions { Interface = lab.HostInterface, ReadTimeout = TimeSpan.FromMilliseconds(50) });
        capture.BreakLoop();
        PacketReadResult result;
        var reads = 0;
        do
            result = capture.ReadNext(out _);
        while (result == PacketReadResult.Timeout && ++reads < 100);
        Assert.Equal(PacketReadResult.EndOfFile, result);
    }

    [Fact]
    public void Open_UnknownInterface_PcapExceptionWithLibpcapReason()
    {
        var error = Assert.Throws<PcapException>(() => LiveCaptureSource.Open(new LiveCaptureOptions { Interface = "rustids-none0" }));
        Assert.Contains("rustids-none0", error.Message, StringComparison.Ordinal);
        Assert.True(error.Status < 0);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public void Open_InvalidBpfFilter_PcapExceptionWithLibpcapReason()
    {
        var error = Assert.Throws<PcapException>(
            () => LiveCaptureSource.Open(new LiveCaptureOptions { Interface = "lo", BpfFilter = "tcp port banana" }));
        Assert.Contains("Invalid BPF filter 'tcp port banana' for 'lo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("banana", error.Message[error.Message.IndexOf(':', StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private static Process StartPing(VethLab lab)
    {
        var start = new ProcessStartInfo(Tool.Find("ip")!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["netns", "exec", lab.Namespace, "ping", "-n", "-c", "3", "-i", "0.2", "-W", "1", lab.HostEndAddress])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
