using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Tests.Addresses;

public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("192.0.2.7", "192.0.2.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("2001:db8:ffff::1/33", "2001:db8:8000::/33")]
    [InlineData("2001:db8::ff/120", "2001:db8::/120")]
    [InlineData("::/0", "::/0")]
    public void TryParse_Valid_Normalizes(string text, string expected)
    {
        Assert.True(Cidr.TryParse(text, out var cidr));
        Assert.Equal(expected, cidr.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0/8")]
    [InlineData("10")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("2001:db8::/129")]
    [InlineData("example.com")]
    [InlineData("1.2.3.4/8/8")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(Cidr.TryParse(text, out _));

    [Fact]
    public void Contains_ChecksPrefix()
    {
        var cidr = Cidr.Parse("192.168.0.0/16");
        Assert.True(cidr.Contains(IpAddr.Parse("192.168.255.255")));
        Assert.False(cidr.Contains(IpAddr.Parse("192.169.0.0")));
        Assert.False(cidr.Contains(IpAddr.Parse("2001:db8::1")));
    }
}
