using RustIds.Rules.Pcre;
using static RustIds.Rules.Tests.Pcre.PcreTestHelper;

namespace RustIds.Rules.Tests.Pcre;

public sealed class PcreParserTests
{
    [Theory]
    [InlineData("abc", 0, "double-quoted")]
    [InlineData("", 0, "double-quoted")]
    [InlineData("\"abc\"", 1, "start with '/'")]
    [InlineData("\"\"", 1, "start with '/'")]
    [InlineData("\"/abc\"", 4, "terminating '/'")]
    [InlineData("\"/abc\\/\"", 6, "terminating '/'")]
    [InlineData("\"/abc/", 0, "unterminated")]
    [InlineData("\"/abc/i\\\"", 0, "unterminated")]
    [InlineData("\"//i\"", 2, "empty pattern")]
    [InlineData("\"/abc/iq\"", 7, "unknown pcre flag 'q'")]
    [InlineData("\"/abc/i \"", 7, "unknown pcre flag ' '")]
    [InlineData("\"/abc/UP\"", 7, "second buffer")]
    [InlineData("\"/a(b/\"", 3, "missing closing parenthesis")]
    [InlineData("\"/a)b/\"", 3, "unmatched closing parenthesis")]
    [InlineData("\"/[ab/\"", 2, "missing terminating ]")]
    [InlineData("\"/*a/\"", 2, "quantifier does not follow")]
    [InlineData("\"/a|+/\"", 4, "quantifier does not follow")]
    [InlineData("\"/a**/\"", 4, "quantifier does not follow")]
    [InlineData("\"/a{3,2}/\"", 3, "out of order")]
    [InlineData("\"/a{70000}/\"", 3, "too big")]
    [InlineData("\"/[z-a]/\"", 3, "range out of order")]
    [InlineData("\"/ab\\/\"", 5, "terminating '/'")]
    [InlineData("\"/(a)\\2/\"", 5, "non-existent group 2")]
    [InlineData("\"/(?P=nope)/\"", 2, "non-existent group name")]
    [InlineData("\"/(?z)/\"", 4, "unrecognized character")]
    [InlineData("\"/a/\" junk", 6, "unexpected text")]
    [InlineData("\"/a/\", flow:x", 5, "unexpected text")]
    [InlineData("\"/(a)/, foo:x\"", 6, "unknown pcre flag ','")]
    [InlineData("\"/(a)/, flow:x, pkt:y\"", 16, "names group 2")]
    [InlineData("\"/(a)/, flow:\"", 8, "capture list entry")]
    public void TryParse_MalformedValue_FailsWithMessageAndOffset(string value, int expectedOffset, string reasonPart)
    {
        var (error, offset) = Reject(value);
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
        Assert.Equal(expectedOffset, offset);
    }

    [Fact]
    public void TryParse_TooLongPattern_Rejected()
    {
        var options = new PcreOptions { MaxPatternLength = 8 };
        Assert.False(PcreParser.TryParse("\"/abcdefghij/\"", options, out _, out string? error, out int offset));
        Assert.Contains("MaxPatternLength", error, StringComparison.Ordinal);
        Assert.Equal(2, offset);
    }

    [Fact]
    public void TryParse_UnescapedQuoteInsidePattern_IsLiteralLikeSuricata()
    {
        // ET Open writes (%22|") inside pcre; Suricata strips only the outer quotes.
        Assert.True(Matches("\"/^[\"']?post/Ri\"", "'POST"));
    }

    [Fact]
    public void TryParse_PrefixedNamedGroups_BecomeCaptures()
    {
        var spec = Parse("\"/(?P<pkt_a>x)(y)(?P<flow_ua>[a-z]+)(?P<tx_t>1)(?P<alert_al>2)(?P<plain>3)/\"");
        Assert.Equal(
            [
                new PcreCapture(1, PcreCaptureScope.Packet, "a"),
                new PcreCapture(3, PcreCaptureScope.Flow, "ua"),
                new PcreCapture(4, PcreCaptureScope.Transaction, "t"),
                new PcreCapture(5, PcreCaptureScope.Alert, "al"),
            ],
            spec.Captures);
        var m = spec.Regex.Match("xyabc12 3".Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("abc", m.Groups[3].Value);
    }

    [Fact]
    public void TryParse_CaptureList_MapsEntriesToGroupsInOrder()
    {
        var spec = Parse("\"/([a-z]+)\\/([a-z]+)\\/(.+)/GUR, flow:ua/ubuntu/repo, pkt:ua/pkg,  tx:v\"");
        Assert.Equal(
            [
                new PcreCapture(1, PcreCaptureScope.Flow, "ua/ubuntu/repo"),
                new PcreCapture(2, PcreCaptureScope.Packet, "ua/pkg"),
                new PcreCapture(3, PcreCaptureScope.Transaction, "v"),
            ],
            spec.Captures);
        Assert.Equal(PcreBuffer.Uri, spec.Buffer);
    }

    [Fact]
    public void TryParse_InvalidForDotNetAfterTranslation_ReportsOffsetInValue()
    {
        // The translator passes conditionals through; .NET (like PCRE) rejects a third branch, and the
        // error offset is mapped back from the .NET pattern to the rule value.
        var (error, offset) = Reject("\"/(x)(?(1)a|b|c)/\"");
        Assert.Contains("invalid regular expression", error, StringComparison.Ordinal);
        Assert.InRange(offset, 2, 16);
    }

    [Fact]
    public void TryParse_CompiledMode_MatchesLikeInterpreted()
    {
        var compiled = Parse("\"/Host\\x3a\\s+([^\\r\\n]+)/i\"", new PcreOptions { CompileMode = PcreCompileMode.Compiled });
        Assert.True((compiled.Regex.Options & System.Text.RegularExpressions.RegexOptions.Compiled) != 0);
        Assert.True(new PcreMatcher().Match(compiled, "host: a\r\n"u8, 0, out int end));
        Assert.Equal(7, end);
    }
}
