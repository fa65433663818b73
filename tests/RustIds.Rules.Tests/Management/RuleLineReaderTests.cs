using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleLineReaderTests
{
    [Fact]
    public void Read_ActiveAndCommentedRules_ClassifiesEachAndSkipsProse()
    {
        string text =
            "# Emerging Threats ICMP rules\n"                                  // 1 prose comment
            + "\n"                                                             // 2 blank
            + SampleRules.Heartbleed + "\n"                                   // 3 active
            + "#" + SampleRules.IcmpMaskReply + "\n"                          // 4 '#alert'
            + "# " + SampleRules.IcmpMaskReply.Replace("2100387", "2100388", StringComparison.Ordinal) + "\n" // 5
            + "## " + SampleRules.Gid3Rule + "\n"                             // 6 '## alert'
            + "#  alert on this only if you mean it\n"                        // 7 prose that starts with an action word
            + "   \t\n";                                                       // 8 blanks only

        List<RuleLine> lines = [.. RuleLineReader.Read(text, "emerging-icmp.rules")];

        Assert.Equal(4, lines.Count);
        Assert.Equal(new RuleLine("emerging-icmp.rules", 3, SampleRules.Heartbleed, true), lines[0]);
        Assert.Equal(new RuleLine("emerging-icmp.rules", 4, SampleRules.IcmpMaskReply, false), lines[1]);
        Assert.Equal(5, lines[2].Line);
        Assert.False(lines[2].Enabled);
        Assert.StartsWith("alert icmp", lines[2].Text, StringComparison.Ordinal);
        Assert.Equal(new RuleLine("emerging-icmp.rules", 6, SampleRules.Gid3Rule, false), lines[3]);
    }

    [Fact]
    public void Read_BackslashContinuation_JoinsLinesAndKeepsFirstLineNumber()
    {
        string text = "# header\n"
            + "alert tcp any any -> any 80 (msg:\"split\"; \\\n"
            + "content:\"abc\"; \\\n"
            + "sid:1000001; rev:1;)\n"
            + SampleRules.Gid3Rule + "\n";

        List<RuleLine> lines = [.. RuleLineReader.Read(text, "local.rules")];

        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines[0].Line);
        Assert.Equal("alert tcp any any -> any 80 (msg:\"split\"; content:\"abc\"; sid:1000001; rev:1;)", lines[0].Text);
        Assert.Equal(5, lines[1].Line);
    }

    [Fact]
    public void Read_CrLfLineEndings_TextHasNoCarriageReturn()
    {
        string text = SampleRules.Heartbleed + "\r\n#" + SampleRules.IcmpMaskReply + "\r\n";

        List<RuleLine> lines = [.. RuleLineReader.Read(text, "x.rules")];

        Assert.Equal(2, lines.Count);
        Assert.Equal(SampleRules.Heartbleed, lines[0].Text);
        Assert.Equal(SampleRules.IcmpMaskReply, lines[1].Text);
    }

    [Fact]
    public void Read_ActiveLineThatIsNotARule_IsKeptForTheParserToReport()
    {
        List<RuleLine> lines = [.. RuleLineReader.Read("this is not a rule\n", "bad.rules")];

        RuleLine line = Assert.Single(lines);
        Assert.True(line.Enabled);
        Assert.Equal("this is not a rule", line.Text);
    }

    [Fact]
    public void Read_FileEndingInsideContinuation_ReturnsPartialRule()
    {
        List<RuleLine> lines = [.. RuleLineReader.Read("alert tcp any any -> any any (sid:1; \\", "cut.rules")];

        RuleLine line = Assert.Single(lines);
        Assert.Equal(1, line.Line);
        Assert.Equal("alert tcp any any -> any any (sid:1;", line.Text);
    }

    [Theory]
    [InlineData(true, "alert tcp any any -> any any (sid:1;)")]
    [InlineData(false, "# alert tcp any any -> any any (sid:1;)")]
    public void ToFileText_ByState_CommentsOutDisabledRules(bool enabled, string expected)
    {
        var line = new RuleLine("f.rules", 1, "alert tcp any any -> any any (sid:1;)", enabled);

        Assert.Equal(expected, line.ToFileText());
    }
}
