using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleManagementErrorTests
{
    private static (RuleManagementPolicy Policy, RuleManagementError Error) ParseOne(
        string? enable = null, string? disable = null, string? modify = null, string? drop = null)
    {
        var errors = new List<RuleManagementError>();
        RuleManagementPolicy policy = RuleManagementPolicy.Parse(enable, disable, modify, drop, errors);
        return (policy, Assert.Single(errors));
    }

    [Theory]
    // file text, expected line, expected column, message fragment
    [InlineData("2018372\n\n   bogus:thing\n", 3, 4, "unknown matcher")]
    [InlineData("re:heartbleed\nre:  MS(0[7-9]|10\n", 2, 17, "bad regular expression")]
    [InlineData("re:\n", 1, 4, "empty regular expression")]
    [InlineData("123, abc\n", 1, 6, "bad rule id 'abc'")]
    [InlineData("1:2:3:4\n", 1, 1, "bad rule id")]
    [InlineData("group:   \n", 1, 7, "needs a value")]
    [InlineData("metadata: deployment\n", 1, 1, "metadata: key value")]
    public void Parse_BadMatcherLine_ReportsLineAndColumnAndSkipsIt(string text, int line, int column, string message)
    {
        (RuleManagementPolicy policy, RuleManagementError error) = ParseOne(disable: text);

        Assert.Equal("disable.conf", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(policy.Statistics.Entries, entry => entry.Line == line);
    }

    [Theory]
    [InlineData("2018372 \"abc\" \"def\n", 15, "no closing quotation")]
    [InlineData("2018372 abc\n", 1, "expected: <matcher>")]
    [InlineData("2018372 \"a\" \"b\" \"c\"\n", 1, "expected: <matcher>")]
    [InlineData("modifysid 2018372 \"a\" \"b\"\n", 1, "modifysid")]
    [InlineData("metadata-add 2018372 \"key\"\n", 1, "metadata-add")]
    [InlineData("bogus \"a\" \"b\"\n", 1, "unknown matcher")]
    [InlineData("2018372 \"(a\" \"b\"\n", 11, "bad regular expression")]
    [InlineData("2018372 \"(a)\" \"x\\2\"\n", 17, "group 2")]
    [InlineData("2018372 \"(a)\" \"\\q\"\n", 16, "bad escape")]
    [InlineData("2018372 \"\" \"b\"\n", 9, "empty 'from'")]
    public void Parse_BadModifyLine_ReportsColumnAndSkipsIt(string text, int column, string message)
    {
        (RuleManagementPolicy policy, RuleManagementError error) = ParseOne(modify: text);

        Assert.Equal("modify.conf", error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(policy.Statistics.Entries);
    }

    [Fact]
    public void Parse_MixOfGoodAndBadLines_KeepsGoodLinesAndReportsEveryBadOne()
    {
        var errors = new List<RuleManagementError>();
        RuleManagementPolicy policy = RuleManagementPolicy.Parse(
            enable: "# enable.conf\n2100387 # ICMP mask reply\nnope\n",
            disable: "re:(\n2018372\n",
            modify: "2018372 \"x\n",
            drop: "group:emerging-exploit.rules\n",
            errors);

        Assert.Equal(
            ["disable.conf:1:4", "enable.conf:3:1", "modify.conf:1:9"],
            [.. errors.Select(e => $"{e.File}:{e.Line}:{e.Column}").Order(StringComparer.Ordinal)]);
        Assert.Equal(3, policy.Statistics.Entries.Count);
        Assert.Equal("2100387", policy.Statistics.Entries.Single(e => e.Stage == RuleManagementStage.Enable).Text);
    }

    [Fact]
    public void Load_MissingFileAndRealFiles_ReportsMissingFileAndUsesTheOthers()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("rulemgmt-");
        try
        {
            string disable = Path.Combine(dir.FullName, "disable.conf");
            string drop = Path.Combine(dir.FullName, "drop.conf");
            File.WriteAllText(disable, "# local tuning\n2018372\nwhat\n");
            File.WriteAllText(drop, "re:ICMP\n");
            string missing = Path.Combine(dir.FullName, "enable.conf");
            var errors = new List<RuleManagementError>();

            RuleManagementPolicy policy = RuleManagementPolicy.Load(missing, disable, null, drop, errors);

            Assert.Equal(2, errors.Count);
            Assert.Contains(errors, e => e.File == missing && e.Line == 0 && e.Message == "file not found");
            Assert.Contains(errors, e => e.File == disable && e.Line == 3 && e.Column == 1);
            policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out RuleChange change);
            Assert.Equal(RuleChange.Disabled, change);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Load_FileLargerThanLimit_ReportedNotRead()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("rulemgmt-");
        try
        {
            string disable = Path.Combine(dir.FullName, "disable.conf");
            File.WriteAllText(disable, "2018372\n");
            var errors = new List<RuleManagementError>();

            RuleManagementPolicy policy = RuleManagementPolicy.Load(
                null, disable, null, null, errors, new RuleManagementOptions { MaxFileBytes = 4 });

            Assert.Contains("MaxFileBytes", Assert.Single(errors).Message, StringComparison.Ordinal);
            Assert.Empty(policy.Statistics.Entries);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Statistics_EntryThatSelectsNothing_ListedWithoutHits()
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: "2018372\n2999999\ngroup:emerging-gmaes\n");

        policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);

        Assert.Equal(["2999999", "group:emerging-gmaes"], [.. policy.Statistics.GetEntriesWithoutHits().Select(e => e.Text)]);
        policy.Statistics.Reset();
        Assert.Equal(3, policy.Statistics.GetEntriesWithoutHits().Count);
        Assert.Equal(0, policy.Statistics.RulesSeen);
    }

    [Fact]
    public void ToString_Error_FormatsLikeACompiler()
    {
        var error = new RuleManagementError("modify.conf", 4, 12, "no closing quotation");

        Assert.Equal("modify.conf:4:12: no closing quotation", error.ToString());
    }
}
