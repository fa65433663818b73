using RustIds.Detection;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Notify.Tests;

internal static class TestData
{
    public static readonly DateTimeOffset Decided = new(2026, 12, 4, 13, 11, 50, TimeSpan.Zero);

    public static Alert TcpAlert() => new()
    {
        Timestamp = new DateTimeOffset(2026, 12, 4, 13, 11, 50, TimeSpan.Zero).AddTicks(1_234_560),
        Source = IpAddr.Parse("203.0.113.7"),
        Destination = IpAddr.Parse("192.0.2.10"),
        SourcePort = 51234,
        DestinationPort = 80,
        Protocol = IpProtocol.Tcp,
        FlowId = 1_234_567_890_123,
        Direction = FlowDirection.ToServer,
        Sid = 1000001,
        Rev = 3,
        Signature = "LOCAL SQL injection attempt \"UNION SELECT\"",
        Category = "Web Application Attack",
        Severity = 1,
        Payload = (byte[])[.. "GET /?id=1 UNION SELECT\r\n"u8, 0x01, 0xFF],
        InterfaceName = "eth0",
    };

    public static Alert UdpAlert() => TcpAlert() with
    {
        Protocol = IpProtocol.Udp,
        DestinationPort = 53,
        Direction = FlowDirection.ToClient,
        Sid = 1000002,
        Signature = "LOCAL DNS tunnel",
        Payload = ReadOnlyMemory<byte>.Empty,
        InterfaceName = "",
    };

    public static Alert IcmpAlert() => TcpAlert() with
    {
        Protocol = IpProtocol.Icmp,
        SourcePort = 0,
        DestinationPort = 0,
        Direction = FlowDirection.Unknown,
        FlowId = 0,
        Gid = 2,
        Sid = 2000001,
        Signature = "ICMP flood",
        Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5.5)),
    };

    public static Alert Icmpv6Alert() => TcpAlert() with
    {
        Source = IpAddr.Parse("2001:db8::7"),
        Destination = IpAddr.Parse("2001:db8::1"),
        Protocol = IpProtocol.IcmpV6,
        SourcePort = 0,
        DestinationPort = 0,
        Sid = 2000002,
        Signature = "ICMPv6 router advertisement from outside",
    };

    public static Alert Tcpv6Alert() => TcpAlert() with
    {
        Source = IpAddr.Parse("2001:db8::7"),
        Destination = IpAddr.Parse("2001:db8::1"),
        Sid = 1000003,
        Timestamp = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(2)),
    };

    public static Verdict BlockVerdict() => new()
    {
        Address = IpAddr.Parse("203.0.113.7"),
        Action = VerdictAction.Block,
        Score = 85,
        BlockThreshold = 70,
        Duration = TimeSpan.FromHours(1),
        Country = "NL",
        Reasons =
        [
            new VerdictReason("rule", "sid 1000001 \"SQL injection\" priority 1", 50),
            new VerdictReason("blocklist", "listed by spamhaus-drop", 30),
            new VerdictReason("geoip", "country NL weight", 5),
        ],
    };

    /// <summary>A two-hour block of an IPv6 /64 (aggregated from three addresses) that has ended.</summary>
    public static RustIds.Response.BlockRecord EndedPrefixBlock() => new()
    {
        Id = 7,
        Target = RustIds.Reputation.Addresses.Cidr.Parse("2001:db8:5:6::/64"),
        Score = 80,
        ReasonsJson = """[{"Kind":"aggregate","Detail":"3 addresses of 2001:db8:5:6::/64 blocked","Points":0}]""",
        Rules = "1:2001:1 ET SCAN x3",
        CreatedAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
    };

    public static BlockNotice Notice()
    {
        var alerts = new[] { TcpAlert(), TcpAlert(), TcpAlert() with { Sid = 1000009, Signature = "LOCAL scanner <nikto>" } };
        return BlockNotice.FromVerdict(BlockVerdict(), RuleHit.Summarize(alerts), Decided, "gw1");
    }
}
