using RustIds.Packets;
using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

public sealed class IpAddressSetParserTests
{
    private static string? Vars(string name) => name switch
    {
        "HOME_NET" => "[192.168.0.0/16,10.0.0.0/8]",
        "NOT_LAB" => "[10.0.0.0/8,!10.1.0.0/16]",
        "EXTERNAL_NET" => "!$HOME_NET",
        _ => null,
    };

    [Theory]
    [InlineData("209.132.180.67", "209.132.180.67", true)]
    [InlineData("209.132.180.67", "209.132.180.68", false)]
    [InlineData("217.110.97.128/25", "217.110.97.200", true)]
    [InlineData("217.110.97.128/25", "217.110.97.100", false)]
    [InlineData("10.0.0.0/255.0.0.0", "10.200.1.1", true)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("fe80::/10", "254.128.0.1", false)]
    [InlineData("[192.168.0.0/16, 10.0.0.0/8,172.16.0.0/12]", "172.20.1.1", true)]
    [InlineData("[192.168.0.0/16,10.0.0.0/8]", "8.8.8.8", false)]
    [InlineData("$HOME_NET", "10.9.9.9", true)]
    [InlineData("$NOT_LAB", "10.2.0.1", true)]
    [InlineData("$NOT_LAB", "10.1.0.1", false)]
    [InlineData("$EXTERNAL_NET", "8.8.8.8", true)]
    [InlineData("$EXTERNAL_NET", "192.168.1.1", false)]
    [InlineData("[$HOME_NET,2001:db8::/32]", "2001:db8::5", true)]
    [InlineData("any", "2001:db8::5", true)]
    [InlineData("0.0.0.0/0", "1.2.3.4", true)]
    [InlineData("::/0", "1.2.3.4", false)]
    public void TryParse_Valid_ContainsAsSuricata(string text, string address, bool expected)
    {
        Assert.True(IpAddressSetParser.TryParse(text, Vars, out var set, out var error, out _), error);
        Assert.Equal(expected, set!.Contains(IpAddr.Parse(address)));
    }

    [Theory]
    [InlineData("", 0, "missing address")]
    [InlineData("1.2.3", 0, "not an IP address")]
    [InlineData("10.0.0.0/8/8", 0, "prefix length")]
    [InlineData("10.0.0.0/255.0.255.0", 0, "not contiguous")]
    [InlineData("[1.2.3.4 5.6.7.8]", 9, "expected ',' or ']'")]
    [InlineData("[1.2.3.4,]", 9, "unexpected ']'")]
    [InlineData("1.2.3.4]", 7, "unexpected ']'")]
    [InlineData("$", 0, "unknown variable")]
    public void TryParse_Invalid_ReportsOffset(string text, int offset, string message)
    {
        Assert.False(IpAddressSetParser.TryParse(text, Vars, out var set, out var error, out var errorOffset));
        Assert.Null(set);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(offset, errorOffset);
    }
}
