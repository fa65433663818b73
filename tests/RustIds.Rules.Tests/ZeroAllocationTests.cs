using RustIds.Packets;

namespace RustIds.Rules.Tests;

[Collection(AllocationCollection.Name)]
public sealed class ZeroAllocationTests
{
    [Fact]
    public void Evaluate_SeveralHundredRulesManyPackets_AllocatesNothing()
    {
        var rules = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            rules.Add((i % 6) switch
            {
                0 => $"alert tcp $EXTERNAL_NET any -> $HOME_NET [80,8080] (msg:\"r{i}\"; flow:to_server,established; content:\"UNION\"; nocase; content:\"SEL{i}\"; nocase; distance:0; sid:{i + 1};)",
                1 => $"alert tcp any any -> any any (msg:\"r{i}\"; content:\"GET\"; depth:3; content:\"/p{i}\"; within:40; sid:{i + 1};)",
                2 => $"alert udp any any <> ![1.2.3.4,5.6.7.0/24] 53 (msg:\"r{i}\"; content:\"|01 00|\"; offset:2; depth:2; content:!\"x{i}\"; sid:{i + 1};)",
                3 => $"alert ip [10.0.0.0/8,!10.9.0.0/16] any -> any any (msg:\"r{i}\"; content:\"a=\"; content:\"{i % 10}\"; within:1; sid:{i + 1};)",
                4 => $"alert icmp any any -> any any (msg:\"r{i}\"; sid:{i + 1};)",
                _ => $"drop tcp any any -> $HOME_NET !22 (msg:\"r{i}\"; flow:established; content:\"host\"; nocase; sid:{i + 1};)",
            });
        }
        var set = TestRules.Compile([.. rules]);
        var payloads = new[]
        {
            TestPackets.Bytes("GET /p7?id=1 union SEL0 from x a=0 a=1 a=3 HTTP/1.1\r\nHost: x\r\n\r\n"),
            TestPackets.Bytes("\u0012\u0034\u0001\u0000\u0000\u0001 some dns bytes"),
            new byte[1400],
            [],
        };
        var source = IpAddr.Parse("10.1.2.3");
        IpAddr[] destinations = [IpAddr.Parse("192.168.1.1"), IpAddr.Parse("8.8.8.8")];
        Span<int> matches = stackalloc int[512];
        var total = 0;

        void RunAll(Span<int> buffer)
        {
            for (var round = 0; round < 200; round++)
            {
                foreach (var payload in payloads)
                {
                    var protocol = (round % 3) switch { 0 => IpProtocol.Tcp, 1 => IpProtocol.Udp, _ => IpProtocol.Icmp };
                    var packet = new Packet
                    {
                        Source = source,
                        Destination = destinations[round % 2],
                        SourcePort = 40000,
                        DestinationPort = 80,
                        Protocol = protocol,
                        Payload = payload,
                        Direction = FlowDirection.ToServer,
                        FlowEstablished = true,
                    };
                    total += set.Evaluate(packet, buffer);
                }
            }
        }

        RunAll(matches);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll(matches);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }
}
