using static RustIds.Rules.Tests.Pcre.PcreTestHelper;

namespace RustIds.Rules.Tests.Pcre;

public sealed class PcreTranslationTests
{
    [Theory]
    [InlineData("\"/a++a/\"", "aaa", false)] // possessive: never gives back
    [InlineData("\"/a+a/\"", "aaa", true)]
    [InlineData("\"/a*+a/\"", "aaa", false)]
    [InlineData("\"/a?+a/\"", "a", false)]
    [InlineData("\"/a{1,3}+a/\"", "aaa", false)]
    [InlineData("\"/(?:ab)*+ab/\"", "abab", false)]
    [InlineData("\"/(?:ab)*+c/\"", "ababc", true)]
    [InlineData("\"/[a-z]++1/\"", "abc1", true)]
    public void Match_PossessiveQuantifier_BehavesAtomic(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Theory]
    [InlineData("\"/\\Q.*+\\E!/\"", ".*+!", true)]
    [InlineData("\"/\\Q.*\\E/\"", "ab", false)]
    [InlineData("\"/x\\Q(a/\"", "x(a", true)] // \Q without \E runs to the end
    [InlineData("\"/\\x{41}\\x42\\x7/\"", "AB\u0007", true)]
    [InlineData("\"/\\x/\"", "\0", true)] // \x with no digits is NUL
    [InlineData("\"/\\xff\\x80/\"", "\u00ff\u0080", true)]
    [InlineData("\"/[\\x80-\\xff]{3}/\"", "a\u0080\u00c3\u00ffb", true)]
    [InlineData("\"/[\\x80-\\xff]{3}/\"", "a\u0080\u007f\u00ffb", false)]
    [InlineData("\"/a\\hb/\"", "a\tb", true)]
    [InlineData("\"/a\\hb/\"", "a\u00a0b", true)]
    [InlineData("\"/a\\hb/\"", "a\nb", false)]
    [InlineData("\"/a\\Hb/\"", "a\nb", true)]
    [InlineData("\"/a\\vb/\"", "a\u000bb", true)]
    [InlineData("\"/a\\vb/\"", "a\u0085b", true)]
    [InlineData("\"/a\\vb/\"", "a b", false)]
    [InlineData("\"/a\\Vb/\"", "a b", true)]
    [InlineData("\"/a\\Rb/\"", "a\r\nb", true)]
    [InlineData("\"/a\\Rb/\"", "a\rb", true)]
    [InlineData("\"/a\\R\\nb/\"", "a\r\nb", false)] // \R takes CRLF as one unit, atomically
    [InlineData("\"/a\\Nb/\"", "a\nb", false)]
    [InlineData("\"/\\e\\a\\f\\t/\"", "\u001b\u0007\u000c\t", true)]
    [InlineData("\"/\\cA\\cz\\c[/\"", "\u0001\u001a\u001b", true)]
    [InlineData("\"/\\101\\0\\012/\"", "A\0\n", true)]
    [InlineData("\"/\\o{101}/\"", "A", true)]
    [InlineData("\"/(a)\\1/\"", "aa", true)]
    [InlineData("\"/(a)\\11/\"", "a\t", true)] // 11 > groups so far and >= 10: octal \011
    [InlineData("\"/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\11/\"", "abcdefghijkk", true)] // 11 groups exist: back reference
    [InlineData("\"/\\;\\\"\\//\"", ";\"/", true)] // rule-text escapes are literal in PCRE
    [InlineData("\"/a{x/\"", "a{x", true)] // { not starting a quantifier is literal
    [InlineData("\"/a{2}b/\"", "aab", true)]
    [InlineData("\"/^a{,2}$/\"", "aa", true)] // {,m} is {0,m} (PCRE2 10.43+, Perl)
    [InlineData("\"/^a{,2}$/\"", "aaa", false)]
    [InlineData("\"/^a{2,}$/\"", "aaaaa", true)]
    [InlineData("\"/\\w+(?#comment)!/\"", "ab!", true)]
    public void Match_EscapesAndLiterals_TranslateFaithfully(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Theory]
    [InlineData("\"/\\w/\"", "\u00aa\u00e9\u00b5", false)] // no Latin-1 letters in ASCII \w
    [InlineData("\"/\\W/\"", "\u00e9", true)]
    [InlineData("\"/\\s/\"", "\u00a0\u0085", false)] // .NET \s would match NBSP and NEL
    [InlineData("\"/\\s/\"", "\u000b", true)] // PCRE2 \s includes VT
    [InlineData("\"/\\S/\"", "\u00a0", true)]
    [InlineData("\"/\\d/\"", "\u00b2\u00b9", false)]
    [InlineData("\"/\\bcaf\\b/\"", "caf\u00e9", true)] // é is not a word char without UCP
    [InlineData("\"/\\bcaf\\b/\"", "cafe", false)]
    [InlineData("\"/\\Bb/\"", "ab", true)]
    [InlineData("\"/\\Bb/\"", " b", false)]
    [InlineData("\"/\\xe9/i\"", "\u00c9", false)] // caseless folds ASCII letters only
    [InlineData("\"/[\\xe0-\\xef]/i\"", "\u00c5", false)]
    [InlineData("\"/[a-c]/i\"", "B", true)]
    [InlineData("\"/[^a]/i\"", "A", false)]
    [InlineData("\"/[^a]/\"", "\n", true)] // a negated class matches newline
    [InlineData("\"/[]a]/\"", "]", true)] // ] first is literal
    [InlineData("\"/[a\\]]/\"", "]", true)]
    [InlineData("\"/[\\d-z]/\"", "-", true)] // hyphen after a class escape is literal
    [InlineData("\"/[\\w.-]+@/\"", "a.b-c@", true)]
    [InlineData("\"/[\\Q]\\E]/\"", "]", true)]
    [InlineData("\"/[\\x00-\\x1f]/\"", "\u001f", true)]
    [InlineData("\"/[\\b]/\"", "\u0008", true)] // \b in a class is backspace
    public void Match_AsciiClasses_IgnoreLatin1Letters(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Theory]
    [InlineData("\"/[[:alpha:]]+1/\"", "xyz1", true)]
    [InlineData("\"/^[[:digit:]]+$/\"", "123", true)]
    [InlineData("\"/^[[:digit:]]+$/\"", "12a", false)]
    [InlineData("\"/[[:^alpha:]]/\"", "abc", false)]
    [InlineData("\"/[[:punct:]]/\"", "_", true)]
    [InlineData("\"/[[:space:]]/\"", "\u000b", true)]
    [InlineData("\"/[[:xdigit:]]{2}/\"", "fA", true)]
    [InlineData("\"/[[:upper:]]/\"", "a", false)]
    [InlineData("\"/[[:upper:]]/i\"", "a", true)]
    [InlineData("\"/[[:alnum:]_]/\"", "\u00e9", false)]
    [InlineData("\"/[[:cntrl:]]/\"", "\u007f", true)]
    [InlineData("\"/[[:print:]]/\"", "\u0080", false)]
    public void Match_PosixClasses_UseCLocale(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Theory]
    [InlineData("\"/(?P<w>ab)-(?P=w)/\"", "ab-ab", true)]
    [InlineData("\"/(?P<w>ab)-(?P=w)/\"", "ab-cd", false)]
    [InlineData("\"/(?<w>ab)-\\k<w>/\"", "ab-ab", true)]
    [InlineData("\"/(?'w'ab)-\\k{w}/\"", "ab-ab", true)]
    [InlineData("\"/(?P<x>a)(b)\\2/\"", "abb", true)] // PCRE numbers named and unnamed groups together
    [InlineData("\"/(?P<x>a)(b)\\2/\"", "aba", false)]
    [InlineData("\"/(a)(b)\\g{-1}/\"", "abb", true)]
    [InlineData("\"/(a)\\g1/\"", "aa", true)]
    [InlineData("\"/(a)(?i)\\1/\"", "aA", true)] // a back reference under (?i) is caseless
    [InlineData("\"/(a)?(?(1)b|c)/\"", "ab", true)]
    [InlineData("\"/^(a)?(?(1)b|c)$/\"", "c", true)]
    [InlineData("\"/^(?<q>a)?(?(<q>)b|c)$/\"", "ab", true)]
    [InlineData("\"/^(?(?=a)ab|cd)$/\"", "cd", true)]
    [InlineData("\"/(?<=ab)c/\"", "abc", true)]
    [InlineData("\"/(?<!ab)c/\"", "abc", false)]
    [InlineData("\"/(?>a+)b/\"", "aab", true)]
    [InlineData("\"/\\Aa/\"", "ba", false)]
    [InlineData("\"/a\\z/\"", "a\n", false)]
    [InlineData("\"/a\\Z/\"", "a\n", true)]
    [InlineData("\"/caf\u00e9/\"", "caf\u00c3\u00a9", true)] // a non-ASCII pattern char is its UTF-8 bytes
    public void Match_GroupsAndReferences_NumberLikePcre(string value, string subject, bool expected)
    {
        Assert.Equal(expected, Matches(value, subject));
    }

    [Fact]
    public void TryParse_NamedGroups_TranslateToUnnamedGroupsWithPcreNumbers()
    {
        var spec = Parse("\"/(a)(?P<second>b)(c)/\"");
        Assert.Equal(3, spec.GroupCount);
        Assert.Equal(2, spec.GroupNames["second"]);
        Assert.DoesNotContain("?<", spec.TranslatedPattern.Replace("(?<=", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var m = spec.Regex.Match("abc");
        Assert.Equal("b", m.Groups[2].Value);
    }

    [Theory]
    [InlineData("\"/(*UTF8)abc/\"", "(*")]
    [InlineData("\"/(*UCP)\\w/\"", "(*")]
    [InlineData("\"/a(*SKIP)b/\"", "(*")]
    [InlineData("\"/ab\\Kc/\"", "\\K")]
    [InlineData("\"/a\\Cb/\"", "\\C")]
    [InlineData("\"/\\p{L}/\"", "\\p")]
    [InlineData("\"/\\X/\"", "\\X")]
    [InlineData("\"/(a|b(?R))/\"", "recursion")]
    [InlineData("\"/(a)(?1)/\"", "recursion")]
    [InlineData("\"/(?P<n>a)(?P>n)/\"", "recursion")]
    [InlineData("\"/(?<n>a)(?&n)/\"", "recursion")]
    [InlineData("\"/(a)\\g<1>/\"", "subroutine")]
    [InlineData("\"/(?(R)a|b)/\"", "recursion")]
    [InlineData("\"/(?(DEFINE)(?<a>x))/\"", "DEFINE")]
    [InlineData("\"/(?|(a)|(b))/\"", "branch reset")]
    [InlineData("\"/\\x{100}/\"", "UTF")]
    [InlineData("\"/\\400/\"", "UTF")]
    [InlineData("\"/\\q/\"", "unrecognized escape")]
    [InlineData("\"/[[.a.]]/\"", "collating")]
    [InlineData("\"/[[:foo:]]/\"", "POSIX class")]
    [InlineData("\"/(?J)(?<a>x)/\"", "(?J)")]
    [InlineData("\"/(?<a>x)(?<a>y)/\"", "duplicate")]
    public void TryParse_UntranslatableConstruct_IsRejectedWithReason(string value, string reasonPart)
    {
        var (error, offset) = Reject(value);
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
        Assert.InRange(offset, 2, value.Length - 1); // points inside the pattern
    }
}
