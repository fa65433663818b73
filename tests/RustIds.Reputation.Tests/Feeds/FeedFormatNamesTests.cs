using RustIds.Reputation.Feeds;

namespace RustIds.Reputation.Tests.Feeds;

public sealed class FeedFormatNamesTests
{
    [Theory]
    [InlineData("plain", FeedFormat.Plain)]
    [InlineData("spamhaus-drop", FeedFormat.SpamhausDrop)]
    [InlineData("spamhaus-json", FeedFormat.SpamhausJson)]
    [InlineData("firehol", FeedFormat.FireHol)]
    [InlineData("dshield", FeedFormat.DShield)]
    [InlineData("ipsum", FeedFormat.Ipsum)]
    [InlineData("feodo", FeedFormat.Feodo)]
    [InlineData("tor-exit", FeedFormat.TorExit)]
    [InlineData("csv", FeedFormat.Csv)]
    [InlineData(" Spamhaus-JSON ", FeedFormat.SpamhausJson)]
    public void TryParse_KnownName_RoundTrips(string text, FeedFormat format)
    {
        Assert.True(FeedFormatNames.TryParse(text, out var parsed));
        Assert.Equal(format, parsed);
        Assert.Equal(text.Trim().ToLowerInvariant(), FeedFormatNames.ToName(format));
    }

    [Theory]
    [InlineData("")]
    [InlineData("spamhausjson")]
    [InlineData("SpamhausJson")]
    [InlineData("tor_exit")]
    [InlineData("0")]
    [InlineData(null)]
    public void TryParse_UnknownName_False(string? text) => Assert.False(FeedFormatNames.TryParse(text!, out _));

    [Fact]
    public void All_OneNamePerFormatInOrder()
    {
        Assert.Equal(Enum.GetValues<FeedFormat>().Select(FeedFormatNames.ToName), FeedFormatNames.All);
        Assert.Equal(FeedFormatNames.All.Count, FeedFormatNames.All.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => FeedFormatNames.ToName((FeedFormat)99));
    }
}
