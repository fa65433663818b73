using RustIds.Rules.Pcre;
using static RustIds.Rules.Tests.Pcre.PcreTestHelper;

namespace RustIds.Rules.Tests.Pcre;

public sealed class PcreFlagTests
{
    [Theory]
    [InlineData("\"/abc/\"", "xABCx", false)]
    [InlineData("\"/abc/i\"", "xABCx", true)]
    [InlineData("\"/a.c/\"", "a\nc", false)]
    [InlineData("\"/a.c/s\"", "a\nc", true)]
    [InlineData("\"/^b/\"", "a\nb", false)]
    [InlineData("\"/^b/m\"", "a\nb", true)]
    [InlineData("\"/a$/\"", "a\n", true)] // default $: end or before a final newline
    [InlineData("\"/a$/\"", "a\nb", false)]
    [InlineData("\"/a$/E\"", "a\n", false)] // E: only the very end
    [InlineData("\"/a$/E\"", "xa", true)]
    [InlineData("\"/a$/m\"", "a\nb", true)]
    [InlineData("\"/a$/mE\"", "a\nb", true)] // E is ignored under m, as in PCRE
    [InlineData("\"/^$/m\"", "a\n", false)] // PCRE ^ does not match after a final newline
    [InlineData("\"/^b$/m\"", "a\nb\nc", true)]
    [InlineData("\"/a b c/x\"", "abc", true)]
    [InlineData("\"/a b # comment/x\"", "ab", true)]
    [InlineData("\"/a[ ]b/x\"", "a b", true)] // whitespace inside a class stays significant
    [InlineData("\"/abc/A\"", "xabc", false)]
    [InlineData("\"/abc|x/A\"", "zx", false)] // A anchors every alternative
    [InlineData("\"/abc/A\"", "abcx", true)]
    public void Match_PatternFlag_FollowsPcre(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Fact]
    public void Match_UngreedyFlagG_SwapsGreediness()
    {
        Assert.True(Matches("\"/a.+b/\"", "aXbYb", out int greedyEnd));
        Assert.True(Matches("\"/a.+b/G\"", "aXbYb", out int ungreedyEnd));
        Assert.True(Matches("\"/a.+?b/G\"", "aXbYb", out int swappedBackEnd));
        Assert.Equal(5, greedyEnd);
        Assert.Equal(3, ungreedyEnd);
        Assert.Equal(5, swappedBackEnd);
        Assert.True(Parse("\"/a.+b/G\"").Greedy);
    }

    [Theory]
    [InlineData("U", PcreBuffer.Uri)]
    [InlineData("I", PcreBuffer.RawUri)]
    [InlineData("P", PcreBuffer.RequestBody)]
    [InlineData("Q", PcreBuffer.ResponseBody)]
    [InlineData("H", PcreBuffer.Header)]
    [InlineData("D", PcreBuffer.RawHeader)]
    [InlineData("M", PcreBuffer.Method)]
    [InlineData("C", PcreBuffer.Cookie)]
    [InlineData("K", PcreBuffer.RawCookie)]
    [InlineData("S", PcreBuffer.StatCode)]
    [InlineData("Y", PcreBuffer.StatMsg)]
    [InlineData("V", PcreBuffer.UserAgent)]
    [InlineData("W", PcreBuffer.Host)]
    [InlineData("Z", PcreBuffer.RawHost)]
    [InlineData("B", PcreBuffer.RawBytes)]
    [InlineData("i", PcreBuffer.Default)]
    public void TryParse_BufferLetter_RecordsBuffer(string flag, PcreBuffer expected)
    {
        var spec = Parse($"\"/x/{flag}R\"");
        Assert.Equal(expected, spec.Buffer);
        Assert.True(spec.Relative);
    }

    [Fact]
    public void TryParse_RuleFlags_AreRecorded()
    {
        var spec = Parse("\"/x/AEGOR\"");
        Assert.True(spec.Anchored);
        Assert.True(spec.EndAnchored);
        Assert.True(spec.Greedy);
        Assert.True(spec.NoFastPatternCheck);
        Assert.True(spec.Relative);
        Assert.False(spec.Negated);
        Assert.Equal("AEGOR", spec.Flags);
        Assert.Equal("x", spec.Pattern);
    }

    [Theory]
    [InlineData("!\"/abc/i\"")]
    [InlineData(" ! \"/abc/i\"")]
    public void TryParse_Negated_RecordsNegationAndStillMatchesPositively(string value)
    {
        var spec = Parse(value);
        Assert.True(spec.Negated);
        Assert.True(new PcreMatcher().Match(spec, Bytes("xABC"), 0, out int end));
        Assert.Equal(4, end);
    }

    [Theory]
    [InlineData("\"/a(?i)b/\"", "aB", true)]
    [InlineData("\"/a(?i)b/\"", "AB", false)]
    [InlineData("\"/(?i)a(?-i)b/\"", "Ab", true)]
    [InlineData("\"/(?i)a(?-i)b/\"", "AB", false)]
    [InlineData("\"/(a(?i)b|c)/\"", "C", true)] // an option change carries into later branches of its group
    [InlineData("\"/(a(?i)b)c/\"", "aBC", false)] // ... but ends with the group
    [InlineData("\"/(?i:a)b/\"", "Ab", true)]
    [InlineData("\"/(?i:a)b/\"", "AB", false)]
    [InlineData("\"/(?s)a.b/\"", "a\nb", true)]
    [InlineData("\"/(?m)^b/\"", "a\nb", true)]
    [InlineData("\"/(?x)a b/\"", "ab", true)]
    [InlineData("\"/(?U)a.+b/\"", "aXbYb", true)]
    [InlineData("\"/abc/i\"", "aBc", true)]
    public void Match_InlineOptions_ScopeLikePcre(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }
}
