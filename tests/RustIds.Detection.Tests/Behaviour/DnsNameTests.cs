using System.Text;
using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class DnsNameTests
{
    [Theory]
    [InlineData("www.example.com", "example.com")]
    [InlineData("a.b.c.example.com", "example.com")]
    [InlineData("example.com", "example.com")]
    [InlineData("com", "com")]
    [InlineData("news.bbc.co.uk", "bbc.co.uk")]
    [InlineData("bbc.co.uk", "bbc.co.uk")]
    [InlineData("x7f3.1.t.evil-tunnel.com", "evil-tunnel.com")]
    [InlineData("www.example.de", "example.de")]
    public void RegisteredDomainStart_SplitsAfterTheSubdomains(string name, string registered)
    {
        var bytes = Encoding.ASCII.GetBytes(name);

        Assert.Equal(registered, Encoding.ASCII.GetString(bytes.AsSpan(DnsName.RegisteredDomainStart(bytes))));
    }

    [Fact]
    public void Entropy_OfRandomBase32IsHighAndOfWordsLow()
    {
        Assert.Equal(0, DnsName.Entropy("aaaa"u8));
        Assert.Equal(1, DnsName.Entropy("abab"u8), 6);
        Assert.True(DnsName.Entropy("www"u8) < 1);
        Assert.True(DnsName.Entropy("mzxw6ytboi4dsnjrgq3tmobzha2dcmrtgq2tmnzy"u8) > 3.5);
        Assert.Equal(DnsName.Entropy("AbC.d"u8), DnsName.Entropy("abcd"u8), 9);
    }
}
