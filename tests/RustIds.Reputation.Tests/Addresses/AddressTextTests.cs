using System.Net;
using RustIds.Packets;
using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Tests.Addresses;

/// <summary>The feed parser's own address reader, checked against <see cref="IPAddress"/> (through <see cref="Cidr.TryParse"/>).</summary>
public sealed class AddressTextTests
{
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/32")]
    [InlineData("255.255.255.255", "255.255.255.255/32")]
    [InlineData("1.2.3.4/0", "0.0.0.0/0")]
    [InlineData("198.51.100.77/24", "198.51.100.0/24")]
    [InlineData("::", "::/128")]
    [InlineData("::1", "::1/128")]
    [InlineData("1::", "1::/128")]
    [InlineData("2001:DB8::A:b/64", "2001:db8::/64")]
    [InlineData("2001:db8:0:0:0:0:0:1", "2001:db8::1/128")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128")]
    [InlineData("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8/128")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::c000:221/128")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")]
    public void TryParseCidr_Valid(string text, string expected)
    {
        Assert.True(AddressText.TryParseCidr(text, out var cidr));
        Assert.Equal(expected, cidr.ToString());
    }

    [Fact]
    public void TryParseCidr_Ipv4Mapped_StaysIpv6()
    {
        // Cidr.TryParse (through IPAddress) would turn this into 1.2.3.4; the feed reader keeps it so it can be refused.
        Assert.True(AddressText.TryParseCidr("::ffff:1.2.3.4", out var cidr));
        Assert.True(cidr.Network.IsV6);
        Assert.Equal(0x0000_FFFF_0102_0304UL, cidr.Network.Low);
        Assert.Equal(128, cidr.PrefixLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.1000")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/-1")]
    [InlineData("1.2.3.4/1/2")]
    [InlineData("1.2.3.4 ")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:::2")]
    [InlineData(":1::2")]
    [InlineData("1::2:")]
    [InlineData("1::2::3")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("12345::")]
    [InlineData("g::")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("::/129")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("::1.2.3")]
    [InlineData("::1.2.3.4:5")]
    public void TryParseCidr_Invalid(string text) => Assert.False(AddressText.TryParseCidr(text, out _));

    [Fact]
    public void TryParseCidr_RandomText_AgreesWithIPAddress()
    {
        // Where the two differ on purpose (leading zeros, zones, IPv4-mapped) the input is skipped.
        var random = new Random(17);
        const string alphabet = "0123456789abcdefABCDEF:./:::..1";
        var checkedCount = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var chars = new char[random.Next(1, 24)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            if (text.Contains("::ffff:", StringComparison.OrdinalIgnoreCase) || HasLeadingZeroV4Part(text))
                continue;
            var expected = Cidr.TryParse(text, out var reference);
            Assert.True(expected == AddressText.TryParseCidr(text, out var ours), text);
            if (expected)
            {
                Assert.Equal(reference, ours);
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 1000, $"only {checkedCount} valid inputs were generated");
    }

    [Fact]
    public void TryParseCidr_RandomAddresses_RoundTripThroughIPAddress()
    {
        var random = new Random(23);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(bytes);
            // Runs of zero groups, so the "::" forms are exercised.
            for (var g = random.Next(8); g < 8 && random.Next(3) > 0; g++)
                bytes.Slice(g * 2, 2).Clear();
            var address = i % 3 == 0 ? new IPAddress(bytes[..4]) : new IPAddress(bytes);
            if (address.IsIPv4MappedToIPv6)
                continue;
            var text = address.ToString();
            Assert.True(AddressText.TryParseAddress(text, out var ours), text);
            Assert.Equal(IpAddr.FromIPAddress(address), ours);
            var upper = text.ToUpperInvariant();
            Assert.True(AddressText.TryParseAddress(upper, out var fromUpper), upper);
            Assert.Equal(ours, fromUpper);
        }
    }

    private static bool HasLeadingZeroV4Part(string text)
    {
        var address = text.Split('/')[0];
        var v4 = address.Contains(':') ? address[(address.LastIndexOf(':') + 1)..] : address;
        return v4.Split('.').Any(part => part.Length > 1 && part[0] == '0');
    }
}
