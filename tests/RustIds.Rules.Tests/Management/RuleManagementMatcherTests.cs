using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleManagementMatcherTests
{
    [Theory]
    [InlineData("2018372", true)]                       // sid, gid defaults to 1
    [InlineData("1:2018372", true)]                     // gid:sid
    [InlineData("3:2018372", false)]                    // other generator
    [InlineData("1:2018372:3", true)]                   // gid:sid:rev
    [InlineData("1:2018372:2", false)]                  // other revision
    [InlineData("2000001, 2018372", true)]              // list on one line
    [InlineData("2000001,2000002", false)]
    [InlineData("*", true)]
    [InlineData("re:heartbleed", true)]                 // case-insensitive search
    [InlineData("re:MS(0[7-9]|10)-\\d+", false)]
    [InlineData("re:OpenSSL\\s+HeartBleed", true)]
    [InlineData("group:emerging-exploit.rules", true)]
    [InlineData("group:emerging-exploit", true)]        // without extension
    [InlineData("group:emerging-*", true)]
    [InlineData("group:*-exploit.rules", true)]
    [InlineData("group:emerging-[ef]xploit.rules", true)]
    [InlineData("group:emerging-[!e]xploit.rules", false)]
    [InlineData("group:emerging-explo?t", true)]
    [InlineData("group:Emerging-exploit.rules", false)] // fnmatch is case-sensitive on POSIX
    [InlineData("group:emerging-dos", false)]
    [InlineData("emerging-exploit.rules", true)]        // bare *.rules is a group matcher
    [InlineData("3coresec.rules", false)]               // starts with a digit, still a group matcher
    [InlineData("filename:/var/lib/suricata/rules/emerging-exploit.rules", true)]
    [InlineData("filename:*/emerging-exploit.rules", true)]
    [InlineData("filename:emerging-exploit.rules", false)] // filename: sees the whole path
    [InlineData("metadata: deployment perimeter", true)]   // values compared ignoring case
    [InlineData("metadata:created_at 2014_04_08", true)]
    [InlineData("metadata: deployment internal", false)]
    [InlineData("metadata: perimeter deployment", false)]
    public void Apply_DisableEntryOfEachKind_DisablesOnlyMatchingRule(string entry, bool matches)
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: entry + "\n");
        RuleLine rule = SampleRules.Active(SampleRules.Heartbleed);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Equal(!matches, result.Enabled);
        Assert.Equal(matches ? RuleChange.Disabled : RuleChange.None, change);
        Assert.Equal(matches ? 1 : 0, policy.Statistics.Entries[0].Hits);
        Assert.Equal(SampleRules.Heartbleed, result.Text);
        Assert.Equal(matches ? 1 : 0, policy.Statistics.RulesDisabled);
    }

    [Fact]
    public void Apply_IdMatcherWithExplicitGid_MatchesGidOption()
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: "13010\n3:13010\n");

        policy.Apply(SampleRules.Active(SampleRules.Gid3Rule), out RuleChange change);

        Assert.Equal(RuleChange.Disabled, change);
        Assert.Equal(0, policy.Statistics.Entries[0].Hits); // 13010 means 1:13010
        Assert.Equal(1, policy.Statistics.Entries[1].Hits);
    }

    [Fact]
    public void Apply_RuleWithoutSid_OnlyNonIdMatchersApply()
    {
        const string noSid = "alert tcp any any -> any any (msg:\"local test\";)";
        RuleManagementPolicy policy = SampleRules.Policy(disable: "1\nre:local test\n");

        policy.Apply(SampleRules.Active(noSid), out RuleChange change);

        Assert.Equal(RuleChange.Disabled, change);
        Assert.Equal(0, policy.Statistics.Entries[0].Hits);
        Assert.Equal(1, policy.Statistics.Entries[1].Hits);
    }

    [Fact]
    public void Apply_SidInsideContentString_IsNotTakenForTheSidOption()
    {
        // content:"/?sid:2018372" is payload text; the real sid is 7: option names are read, not substrings.
        const string rule = "alert tcp any any -> any any (msg:\"decoy\"; content:\"/?sid:2018372\"; sid:7; rev:1;)";
        RuleManagementPolicy policy = SampleRules.Policy(disable: "2018372\n");

        policy.Apply(SampleRules.Active(rule), out RuleChange change);

        Assert.Equal(RuleChange.None, change);
    }

    [Fact]
    public void Apply_SeveralEntriesMatch_FirstEntryInFileTakesTheRule()
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: "re:heartbleed\n2018372\ngroup:emerging-*\n");

        policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);

        Assert.Equal([1L, 0L, 0L], [.. policy.Statistics.Entries.Select(e => e.Hits)]);
    }

    [Fact]
    public void Apply_IdEntryBeforeRegexEntry_IdEntryTakesTheRule()
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: "2018372\nre:heartbleed\n");

        policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);

        Assert.Equal([1L, 0L], [.. policy.Statistics.Entries.Select(e => e.Hits)]);
    }

    [Fact]
    public void Apply_NotARule_LeftAloneAndCounted()
    {
        RuleManagementPolicy policy = SampleRules.Policy(disable: "*\n");
        RuleLine garbage = SampleRules.Active("this is not a rule");

        RuleLine result = policy.Apply(garbage, out RuleChange change);

        Assert.Same(garbage, result);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(1, policy.Statistics.NotRules);
    }

    [Fact]
    public void Apply_CatastrophicRegex_TimesOutCountsAndDoesNotMatch()
    {
        var errors = new List<RuleManagementError>();
        var options = new RuleManagementOptions { RegexMatchTimeout = TimeSpan.FromMilliseconds(20) };
        RuleManagementPolicy policy = RuleManagementPolicy.Parse(null, "re:(a|aa)+$\n", null, null, errors, options);
        string rule = "alert tcp any any -> any any (msg:\"" + new string('a', 40) + " " + new string('b', 40)
            + "!\"; sid:9; rev:1;)";

        policy.Apply(SampleRules.Active(rule), out RuleChange change);

        Assert.Empty(errors);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(1, policy.Statistics.RegexTimeouts);
    }
}
