using System.Text;
using RustIds.Detection;
using RustIds.Packets;
using RustIds.Rules;

namespace RustIds.Detection.Tests;

public sealed class SignatureAlertFactoryTests
{
    private static readonly Rule SqlRule = new RuleFileLoader().LoadText(
        "alert tcp any any -> $HOME_NET 80 (msg:\"SQLi\"; flow:to_server,established; content:\"UNION\"; nocase; classtype:web-application-attack; sid:1000001; rev:3;)").Rules[0];

    [Fact]
    public void Create_MatchedPacket_CopiesIdentityAddressesAndSeverity()
    {
        var payload = Encoding.ASCII.GetBytes("GET /?q=1 union select 1");
        var packet = TestPacket(payload);

        var alert = new SignatureAlertFactory("eth1", includePayload: true).Create(SqlRule, ref packet);

        Assert.Equal(1000001, alert.Sid);
        Assert.Equal(3, alert.Rev);
        Assert.Equal(1, alert.Gid);
        Assert.Equal("SQLi", alert.Signature);
        Assert.Equal("Web Application Attack", alert.Category);
        Assert.Equal(1, alert.Severity); // web-application-attack has priority 1
        Assert.Equal(IpAddr.Parse("203.0.113.5"), alert.Offender);
        Assert.Equal((ushort)80, alert.DestinationPort);
        Assert.Equal(FlowDirection.ToServer, alert.Direction);
        Assert.Equal("eth1", alert.InterfaceName);
        Assert.Equal(payload, alert.Payload.ToArray());
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), alert.Timestamp);
    }

    [Fact]
    public void Create_LargePayload_KeepsOnlyTheConfiguredPrefix()
    {
        var packet = TestPacket(new byte[9000]);

        var alert = new SignatureAlertFactory("", includePayload: true, maxPayloadBytes: 100).Create(SqlRule, ref packet);

        Assert.Equal(100, alert.Payload.Length);
    }

    [Fact]
    public void Create_PayloadDisabled_LeavesPayloadEmpty()
    {
        var packet = TestPacket(new byte[10]);

        var alert = new SignatureAlertFactory("", includePayload: false).Create(SqlRule, ref packet);

        Assert.True(alert.Payload.IsEmpty);
    }

    private static Packet TestPacket(byte[] payload) => new()
    {
        TimestampTicks = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero).UtcTicks,
        Source = IpAddr.Parse("203.0.113.5"),
        Destination = IpAddr.Parse("10.0.0.2"),
        Protocol = IpProtocol.Tcp,
        SourcePort = 40000,
        DestinationPort = 80,
        Payload = payload,
        Direction = FlowDirection.ToServer,
        FlowEstablished = true,
        FlowId = 7,
    };
}
