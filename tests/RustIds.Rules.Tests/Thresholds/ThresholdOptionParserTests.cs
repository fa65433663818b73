using RustIds.Rules.Thresholds;

namespace RustIds.Rules.Tests.Thresholds;

public sealed class ThresholdOptionParserTests
{
    [Theory]
    [InlineData("type limit, track by_src, count 1, seconds 60", ThresholdType.Limit, ThresholdTrack.BySrc, 1, 60)]
    [InlineData("type threshold, track by_dst, count 10, seconds 60", ThresholdType.Threshold, ThresholdTrack.ByDst, 10, 60)]
    [InlineData("type both, track by_rule, count 3, seconds 5", ThresholdType.Both, ThresholdTrack.ByRule, 3, 5)]
    [InlineData("type limit, track by_both, count 2, seconds 1", ThresholdType.Limit, ThresholdTrack.ByBoth, 2, 1)]
    [InlineData("type limit, track by_flow, count 2, seconds 60", ThresholdType.Limit, ThresholdTrack.ByFlow, 2, 60)]
    [InlineData("seconds 60,count 5,track by_src,type both", ThresholdType.Both, ThresholdTrack.BySrc, 5, 60)]
    [InlineData("  type   limit ,\ttrack by_src , count 1 , seconds 2147483647  ", ThresholdType.Limit, ThresholdTrack.BySrc, 1, int.MaxValue)]
    public void TryParseThreshold_ValidInAnyOrder_ReturnsSpec(string value, ThresholdType type, ThresholdTrack track, int count, int seconds)
    {
        Assert.True(ThresholdOptionParser.TryParseThreshold(value, out var spec, out var error, out var offset), error);
        Assert.Equal(new ThresholdSpec(type, track, count, seconds), spec);
        Assert.Null(error);
        Assert.Equal(-1, offset);
    }

    [Theory]
    // offset points at the offending part; the value is what follows "threshold:"
    [InlineData("type limit, track by_src, count 1", 33, "missing 'seconds'")]
    [InlineData("track by_src, count 1, seconds 60", 33, "missing 'type'")]
    [InlineData("type limit, track by_host, count 1, seconds 60", 18, "track 'by_host'")]
    [InlineData("type lim, track by_src, count 1, seconds 60", 5, "unknown threshold type")]
    [InlineData("type backoff, track by_src, count 1, multiplier 10", 5, "backoff")]
    [InlineData("type limit, track by_src, count 0, seconds 60", 32, "count must be 1 or more")]
    [InlineData("type limit, track by_src, count -1, seconds 60", 32, "decimal number")]
    [InlineData("type limit, track by_src, count 1, seconds 0", 43, "seconds must be 1 or more")]
    [InlineData("type limit, track by_src, count 2147483648, seconds 60", 32, "out of range")]
    [InlineData("type limit, type both, track by_src, count 1, seconds 60", 12, "given twice")]
    [InlineData("type limit, track by_src, count 1, seconds 60, foo 1", 47, "unknown option 'foo'")]
    [InlineData("type limit,, track by_src, count 1, seconds 60", 11, "empty option")]
    [InlineData("type limit, track by_src, count 1, seconds 60,", 46, "empty option")]
    [InlineData("type limit, track, count 1, seconds 60", 12, "needs a value")]
    [InlineData("", 0, "empty option")]
    public void TryParseThreshold_Invalid_ReportsErrorAndOffset(string value, int expectedOffset, string expectedMessage)
    {
        Assert.False(ThresholdOptionParser.TryParseThreshold(value, out var spec, out var error, out var offset));
        Assert.Null(spec);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.Equal(expectedOffset, offset);
    }

    [Theory]
    [InlineData("track by_src, count 5, seconds 60", ThresholdTrack.BySrc, 5, 60)]
    [InlineData("seconds 3600, count 1, track by_flow", ThresholdTrack.ByFlow, 1, 3600)]
    [InlineData("track by_both,count 2,seconds 10", ThresholdTrack.ByBoth, 2, 10)]
    public void TryParseDetectionFilter_Valid_ReturnsSpec(string value, ThresholdTrack track, int count, int seconds)
    {
        Assert.True(ThresholdOptionParser.TryParseDetectionFilter(value, out var spec, out var error, out _), error);
        Assert.Equal(new DetectionFilterSpec(track, count, seconds), spec);
    }

    [Theory]
    [InlineData("type limit, track by_src, count 5, seconds 60", 0, "unknown option 'type'")]
    [InlineData("track by_src, seconds 60", 24, "missing 'count'")]
    [InlineData("count 5, seconds 60", 19, "missing 'track'")]
    [InlineData("track by_src, count 5, seconds x", 31, "decimal number")]
    public void TryParseDetectionFilter_Invalid_ReportsErrorAndOffset(string value, int expectedOffset, string expectedMessage)
    {
        Assert.False(ThresholdOptionParser.TryParseDetectionFilter(value, out var spec, out var error, out var offset));
        Assert.Null(spec);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.Equal(expectedOffset, offset);
    }
}
