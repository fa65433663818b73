using System.Text;
using RustIds.Packets.AppLayer.Dns;

namespace RustIds.Packets.Tests.AppLayer.Dns;

public sealed class DnsTextTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'.', (byte)'b' }, "a.b")]
    [InlineData(new byte[] { 0xc3, 0xa9, (byte)'.', (byte)'f', (byte)'r' }, "é.fr")] // valid UTF-8 stays as is
    [InlineData(new byte[] { (byte)'x', 0xff, 0x01, (byte)'y' }, "x\\xff\u0001y")]   // invalid UTF-8: bytes ≥ 0x80 as \xNN
    [InlineData(new byte[0], "")]
    public void TryWriteName_RendersLikeSuricata(byte[] name, string expected)
    {
        var destination = new byte[name.Length * 4];

        Assert.True(DnsText.TryWriteName(name, destination, out var written));
        Assert.Equal(expected, Encoding.UTF8.GetString(destination, 0, written));
    }

    [Fact]
    public void TryWriteName_DestinationTooSmall_ReturnsFalse()
    {
        Assert.False(DnsText.TryWriteName([0xff], new byte[3], out _));
        Assert.False(DnsText.TryWriteName("abc"u8, new byte[2], out _));
    }

    [Theory]
    [InlineData(DnsRecordType.A, "A")]
    [InlineData(DnsRecordType.AAAA, "AAAA")]
    [InlineData(DnsRecordType.SRV, "SRV")]
    [InlineData(DnsRecordType.ANY, "ANY")]
    [InlineData(4242, "")]
    public void RecordTypeName_KnownAndUnknown(ushort type, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(DnsText.RecordTypeName(type)));
    }

    [Theory]
    [InlineData(0, "NOERROR")]
    [InlineData(2, "SERVFAIL")]
    [InlineData(5, "REFUSED")]
    [InlineData(15, "")]
    public void ResponseCodeName_KnownAndUnknown(int rcode, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(DnsText.ResponseCodeName(rcode)));
    }
}
