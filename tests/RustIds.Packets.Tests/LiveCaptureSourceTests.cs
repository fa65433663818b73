using System.Diagnostics;

namespace RustIds.Packets.Tests;

public sealed class LiveCaptureSourceTests
{
    [SkippableFact]
    public void ReadNext_PingFromNamespace_CapturesEchoRequests()
    {
        var ip = Tool.Find("ip");
        Skip.If(ip is null, "iproute2's ip is not installed");
        Skip.If(Tool.Find("ping") is null && PythonPath is null, "neither ping (iputils-ping) nor python3 is installed to send echo requests");
        using var lab = new VethLab(ip);
        using var capture = LiveCaptureSource.Open(new LiveCaptureOptions { Interface = lab.HostInterface, BpfFilter = "icmp" });
        Assert.Equal(LinkType.Ethernet, capture.LinkType);

        using var ping = StartPing(lab, ip);
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

    [SkippableFact]
    public void ReadNext_TwoWorkersInFanoutGroup_EachFlowReachesOneWorker()
    {
        var ip = Tool.Find("ip");
        Skip.If(ip is null, "iproute2's ip is not installed");
        Skip.If(PythonPath is null, "Debian's python3 is needed to send the test datagrams");
        using var lab = new VethLab(ip);
        var group = (ushort)Random.Shared.Next(1, 65535);
        LiveCaptureSource[] workers =
        [
            LiveCaptureSource.Open(new LiveCaptureOptions { Interface = lab.HostInterface, BpfFilter = "udp port 9", FanoutGroup = group, ReadTimeout = TimeSpan.FromMilliseconds(20) }),
            LiveCaptureSource.Open(new LiveCaptureOptions { Interface = lab.HostInterface, BpfFilter = "udp port 9", FanoutGroup = group, ReadTimeout = TimeSpan.FromMilliseconds(20) }),
        ];
        try
        {
            // 64 flows (source ports 20000..20063) of 3 datagrams each to the discard port.
            const string Script =
                "import socket,sys\n"
                + "for p in range(20000,20064):\n"
                + " s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(('',p))\n"
                + " for _ in range(3): s.sendto(b'x',(sys.argv[1],9))\n"
                + " s.close()\n";
            lab.InNamespace(PythonPath!, "-c", Script, lab.HostEndAddress);

            var workerOfFlow = new Dictionary<ushort, int>();
            var perWorker = new int[2];
            var deadline = Stopwatch.StartNew();
            while (perWorker.Sum() < 192 && deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                for (var w = 0; w < workers.Length; w++)
                {
                    if (workers[w].ReadNext(out var frame) != PacketReadResult.Packet)
                        continue;
                    var packet = default(Packet);
                    Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(workers[w].LinkType, frame.Data, ref packet));
                    perWorker[w]++;
                    if (workerOfFlow.TryGetValue(packet.SourcePort, out var owner))
                        Assert.Equal(owner, w);
                    else
                        workerOfFlow[packet.SourcePort] = w;
                }
            }

            Assert.True(perWorker.Sum() == 192, $"got {perWorker[0]}/{perWorker[1]} datagrams, {workerOfFlow.Count} flows");
            Assert.Equal(64, workerOfFlow.Count);
            Assert.All(perWorker, count => Assert.True(count > 0, $"a worker got nothing: {perWorker[0]}/{perWorker[1]}"));
        }
        finally
        {
            foreach (var worker in workers)
                worker.Dispose();
        }
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

    /// <summary>
    /// Three ICMP echo requests from the namespace: <c>ping</c> when iputils-ping is installed,
    /// otherwise Debian's python3 sending the same message on a raw socket (this image has no ping).
    /// </summary>
    private static Process StartPing(VethLab lab, string ip)
    {
        var start = new ProcessStartInfo(ip) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        List<string> arguments = ["netns", "exec", lab.Namespace];
        if (Tool.Find("ping") is { } ping)
        {
            arguments.AddRange([ping, "-n", "-c", "3", "-i", "0.2", "-W", "1", lab.HostEndAddress]);
        }
        else
        {
            var echo = FrameBuilder.Icmp(IpAddr.Parse(lab.NamespaceAddress), IpAddr.Parse(lab.HostEndAddress), 8, 0, [0x12, 0x34, 0, 1, .. "rustids"u8]);
            const string Script =
                "import socket,sys,time\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_ICMP)\n"
                + "for _ in range(3):\n s.sendto(bytes.fromhex(sys.argv[1]),(sys.argv[2],0)); time.sleep(0.2)\n";
            arguments.AddRange([PythonPath!, "-c", Script, Convert.ToHexString(echo), lab.HostEndAddress]);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string? PythonPath => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;
}
