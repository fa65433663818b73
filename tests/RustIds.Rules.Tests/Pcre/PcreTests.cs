using System.Text;
using RustIds.Rules.Pcre;

namespace RustIds.Rules.Tests.Pcre;

/// <summary>PCRE options translated to .NET: flags, ASCII classes, PCRE-only syntax, relative and anchored matching, bytes above 0x7f.</summary>
public sealed class PcreTests
{
    [Theory]
    [InlineData("\"/a+b/\"", "xaab", true)]
    [InlineData("\"/A+B/i\"", "xaab", true)]
    [InlineData("\"/A+B/\"", "xaab", false)]
    [InlineData("\"/^GET\\s+\\/admin/\"", "GET  /admin", true)]
    [InlineData("\"/a.b/\"", "a\nb", false)]
    [InlineData("\"/a.b/s\"", "a\nb", true)]
    [InlineData("\"/^b$/m\"", "a\nb\nc", true)]
    [InlineData("\"/^b$/\"", "a\nb\nc", false)]
    [InlineData("\"/end$/\"", "the end\n", true)]
    [InlineData("\"/end$/E\"", "the end\n", false)]
    [InlineData("\"/a b c/x\"", "abc", true)]
    [InlineData("\"/\\d{3}/\"", "x\u0661\u0662\u0663", false)]
    [InlineData("\"/\\x{ff}\\xfe\\x41/\"", "\u00ff\u00feA", true)]
    [InlineData("\"/[[:alpha:]]+[[:digit:]]/\"", "abc1", true)]
    [InlineData("\"/[[:alpha:]]/\"", "\u00e9", false)]
    [InlineData("\"/\\h+x/\"", "\t x", true)]
    [InlineData("\"/a\\vb/\"", "a\nb", true)]
    [InlineData("\"/a\\Rb/\"", "a\r\nb", true)]
    [InlineData("\"/\\Q.*+\\E!/\"", "x.*+!", true)]
    [InlineData("\"/a++b/\"", "aaab", true)]
    [InlineData("\"/a++a/\"", "aaaa", false)]
    [InlineData("\"/(?P<q>[\\x22\\x27])x(?P=q)/\"", "'x'", true)]
    [InlineData("\"/(?P<q>[\\x22\\x27])x(?P=q)/\"", "'x\"", false)]
    [InlineData("\"/<.+>/G\"", "<a><b>", true)]
    [InlineData("!\"/evil/\"", "good", true)]
    [InlineData("!\"/evil/\"", "so evil", false)]
    [InlineData("\"/(?i)ab(?-i)C/\"", "ABC", true)]
    [InlineData("\"/(?i)ab(?-i)C/\"", "ABc", false)]
    [InlineData("\"/a{,2}/\"", "a{,2}", true)]
    [InlineData("\"/[a-z\\_]{3}/\"", "a_b", true)]
    [InlineData("\"/[^\\]a]x/\"", "bx", true)]
    [InlineData("\"/a(?#comment)b/\"", "ab", true)]
    public void Match_TranslatedExpression_BehavesAsPcre(string value, string subject, bool expected)
    {
        Assert.True(PcreParser.TryParse(value, out var spec, out var error, out _), error);
        var matcher = new PcreMatcher();

        var found = matcher.Match(spec!, Encoding.Latin1.GetBytes(subject), 0, out _);

        Assert.Equal(expected, found != spec!.Negated);
    }

    [Fact]
    public void Match_Relative_SubjectStartsAtTheCursorSoCaretAnchorsThere()
    {
        Assert.True(PcreParser.TryParse("\"/^id=\\d+/R\"", out var spec, out _, out _));
        var matcher = new PcreMatcher();
        var data = "GET /?id=42 HTTP"u8;

        Assert.True(matcher.Match(spec!, data, 6, out var end));
        Assert.Equal(11, end);
        Assert.False(matcher.Match(spec!, data, 5, out _));
    }

    [Fact]
    public void Match_Anchored_OnlyAtTheStart()
    {
        Assert.True(PcreParser.TryParse("\"/b/A\"", out var spec, out _, out _));
        var matcher = new PcreMatcher();

        Assert.False(matcher.Match(spec!, "ab"u8, 0, out _));
        Assert.True(matcher.Match(spec!, "ba"u8, 0, out _));
    }

    [Fact]
    public void Match_CatastrophicBacktracking_TimesOutCountedAndDoesNotMatch()
    {
        Assert.True(PcreParser.TryParse("\"/^(a+)+$/\"", out var spec, out _, out _));
        var matcher = new PcreMatcher();
        var data = Encoding.ASCII.GetBytes(new string('a', 40) + "!");

        Assert.False(matcher.Match(spec!, data, 0, out _));
        Assert.Equal(1, matcher.Timeouts);
    }

    [Theory]
    [InlineData("\"/a/U\"", "http.uri")]
    [InlineData("\"/a/iI\"", "http.uri.raw")]
    [InlineData("\"/a/P\"", "http.request_body")]
    [InlineData("\"/a/Q\"", "http.response_body")]
    [InlineData("\"/a/H\"", "http.header")]
    [InlineData("\"/a/D\"", "http.header.raw")]
    [InlineData("\"/a/M\"", "http.method")]
    [InlineData("\"/a/C\"", "http.cookie")]
    [InlineData("\"/a/S\"", "http.stat_code")]
    [InlineData("\"/a/Y\"", "http.stat_msg")]
    [InlineData("\"/a/V\"", "http.user_agent")]
    [InlineData("\"/a/W\"", "http.host")]
    [InlineData("\"/a/Z\"", "http.host.raw")]
    public void TryParse_BufferFlag_NamesTheBuffer(string value, string buffer)
    {
        Assert.True(PcreParser.TryParse(value, out var spec, out var error, out _), error);
        Assert.Equal(buffer, spec!.Buffer!.Value.Name);
    }

    [Theory]
    [InlineData("/a/", 0, "quoted")]
    [InlineData("\"a/\"", 1, "start with '/'")]
    [InlineData("\"/abc\"", 1, "no closing '/'")]
    [InlineData("\"/a/q\"", 4, "unknown pcre flag 'q'")]
    [InlineData("\"/a(?R)/\"", 3, "recursion")]
    [InlineData("\"/(*UTF8)a/\"", 2, "verbs")]
    [InlineData("\"/a\\Kb/\"", 3, "not supported")]
    [InlineData("\"/a(b/\"", 5, "missing ')'")]
    [InlineData("\"/\\p{L}/\"", 2, "not supported")]
    [InlineData("\"/a\\yb/\"", 3, "unknown escape")]
    public void TryParse_BadOrUnsupported_ErrorAtOffset(string value, int offset, string fragment)
    {
        Assert.False(PcreParser.TryParse(value, out _, out var error, out var errorAt));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Equal(offset, errorAt);
    }
}
