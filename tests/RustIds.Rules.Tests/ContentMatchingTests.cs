namespace RustIds.Rules.Tests;

public sealed class ContentMatchingTests
{
    private static bool Matches(string options, string payload) =>
        TestPackets.Matches($"alert tcp any any -> any any (msg:\"t\"; {options} sid:1;)", payload);

    [Theory]
    [InlineData("content:\"abc\";", "xxabcxx", true)]
    [InlineData("content:\"abc\";", "xxabxcx", false)]
    [InlineData("content:\"ABC\";", "xxabcxx", false)]
    [InlineData("content:\"ABC\"; nocase;", "xxaBcxx", true)]
    [InlineData("content:\"a-[C\"; nocase;", "xxA-[cxx", true)]
    [InlineData("content:\"a-[C\"; nocase;", "xxA-{cxx", false)]
    [InlineData("content:\"|00 ff|A\";", "x\u0000\u00ffAy", true)]
    [InlineData("content:\"|00 ff|a\"; nocase;", "x\u0000\u00ffAy", true)]
    [InlineData("content:\"|00 df|a\"; nocase;", "x\u0000\u00ffAy", false)]
    [InlineData("content:!\"evil\";", "all good", true)]
    [InlineData("content:!\"evil\";", "so evil", false)]
    [InlineData("content:\"a\"; content:!\"b\";", "aaa", true)]
    [InlineData("content:\"a\"; content:!\"b\";", "aab", false)]
    [InlineData("content:\"abc\"; offset:2;", "xxabc", true)]
    [InlineData("content:\"abc\"; offset:3;", "xxabc", false)]
    [InlineData("content:\"abc\"; depth:3;", "abcxx", true)]
    [InlineData("content:\"abc\"; depth:4;", "xabcx", true)]
    [InlineData("content:\"abc\"; depth:3;", "xabcx", false)]
    [InlineData("content:\"abc\"; offset:1; depth:3;", "xabcx", true)]
    [InlineData("content:\"abc\"; offset:1; depth:3;", "xxabc", false)]
    [InlineData("content:\"abc\"; offset:10;", "abc", false)]
    [InlineData("content:\"GET\"; depth:3; content:!\"HTTP/1.1\"; offset:3;", "GET / HTTP/1.0", true)]
    [InlineData("content:\"GET\"; depth:3; content:!\"HTTP/1.1\"; offset:3;", "GET / HTTP/1.1", false)]
    public void Evaluate_AbsoluteContent_FollowsSnortSemantics(string options, string payload, bool expected) =>
        Assert.Equal(expected, Matches(options, payload));

    [Theory]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:0;", "abcd", true)]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:0;", "cdab", false)]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:1;", "abcd", false)]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:1;", "abxcd", true)]
    [InlineData("content:\"ab\"; content:\"cd\"; within:2;", "abcd", true)]
    [InlineData("content:\"ab\"; content:\"cd\"; within:2;", "abxcd", false)]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:1; within:2;", "abxcd", true)]
    [InlineData("content:\"ab\"; content:\"cd\"; distance:1; within:2;", "abxxcd", false)]
    [InlineData("content:\"abcd\"; content:\"cd\"; distance:-2; within:2;", "abcd", true)]
    [InlineData("content:\"abcd\"; content:\"bc\"; distance:-3; within:2;", "abcd", true)]
    [InlineData("content:\"abcd\"; content:\"bc\"; distance:-2;", "abcd", false)]
    [InlineData("content:\"x\"; content:\"y\"; distance:0;", "y", false)]
    public void Evaluate_RelativeContent_UsesPreviousMatchEnd(string options, string payload, bool expected) =>
        Assert.Equal(expected, Matches(options, payload));

    [Theory]
    // The first "a=" is followed by the wrong value; only a later occurrence satisfies within.
    [InlineData("content:\"a=\"; content:\"1\"; within:1;", "a=0 a=2 a=1", true)]
    [InlineData("content:\"a=\"; content:\"1\"; within:1;", "a=0 a=2 a=3 1", false)]
    [InlineData("content:\"k\"; content:\"v\"; within:1; content:\"!\"; within:1;", "kv kvx kv!", true)]
    [InlineData("content:\"k\"; content:\"v\"; within:1; content:\"!\"; within:1;", "kv kvx kv", false)]
    [InlineData("content:\"a\"; content:!\"b\"; within:1;", "abac", true)]
    [InlineData("content:\"a\"; content:!\"b\"; within:1;", "abab", false)]
    [InlineData("content:\"a\"; content:!\"b\"; within:1; content:\"c\"; distance:0;", "abac", true)]
    [InlineData("content:\"<\"; content:\"x\"; distance:0; content:\">\"; within:1;", "<x <yx>", true)]
    public void Evaluate_RelativeChain_BacktracksToLaterOccurrences(string options, string payload, bool expected) =>
        Assert.Equal(expected, Matches(options, payload));

    [Fact]
    public void Evaluate_PathologicalBacktracking_TerminatesWithinBudget()
    {
        var payload = new string('a', 4000);
        const string Options = "content:\"a\"; content:\"a\"; distance:0; content:\"a\"; distance:0; content:\"a\"; distance:0; content:\"b\"; distance:0;";

        Assert.False(Matches(Options, payload));
    }
}
