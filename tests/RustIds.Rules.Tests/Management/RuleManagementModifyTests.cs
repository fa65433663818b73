using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleManagementModifyTests
{
    [Theory]
    // Python backreference \1 (shlex keeps the backslash inside double quotes).
    [InlineData("2018372 \"(flow:)established,to_client\" \"\\1to_client\"", "flow:to_client;")]
    // Python \g<1> and named groups.
    [InlineData("2018372 \"(?P<key>classtype):bad-unknown\" \"\\g<key>:trojan-activity\"", "classtype:trojan-activity;")]
    // Oinkmaster ${N}.
    [InlineData("2018372 \"depth:(\\d+)\" \"depth:${1}0\"", "depth:20;")]
    // suricata-update's own example: "drop\\2" (shlex turns \\ into \).
    [InlineData("re:classtype:bad-unknown \"(alert)(.*)\" \"drop\\\\2\"", "drop tcp $HOME_NET any")]
    // Oinkmaster modifysid form with the '|' separator.
    [InlineData("modifysid 2018372 \"rev:(\\d+)\" | \"rev:${1}0\"", "rev:30;")]
    // A literal '$' in the replacement stays literal.
    [InlineData("2018372 \"\\\\$HOME_NET any ->\" \"$HOME_NET 1024: ->\"", "$HOME_NET 1024: ->")]
    // Single quotes are literal too.
    [InlineData("2018372 'rev:\\d+' 'rev:4'", "rev:4;")]
    public void Apply_ModifyEntry_RewritesRuleText(string line, string expectedFragment)
    {
        RuleManagementPolicy policy = SampleRules.Policy(modify: line + "\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out RuleChange change);

        Assert.Equal(RuleChange.Modified, change);
        Assert.Contains(expectedFragment, result.Text, StringComparison.Ordinal);
        Assert.Equal(1, policy.Statistics.RulesModified);
        Assert.Equal(1, policy.Statistics.Entries[0].Changes);
    }

    [Fact]
    public void Apply_ModifyPattern_ReplacesEveryOccurrence()
    {
        // As in suricata-update, "\$" becomes "$" before splitting, so a literal dollar needs "\\$" (or "[$]").
        RuleManagementPolicy policy = SampleRules.Policy(modify: "* \"\\\\$HOME_NET\" \"[10.0.0.0/8]\"\n");
        const string rule = "alert ip $HOME_NET any -> $HOME_NET any (msg:\"internal\"; sid:5; rev:1;)";

        RuleLine result = policy.Apply(SampleRules.Active(rule), out _);

        Assert.Equal("alert ip [10.0.0.0/8] any -> [10.0.0.0/8] any (msg:\"internal\"; sid:5; rev:1;)", result.Text);
    }

    [Fact]
    public void Apply_ModifyPattern_IsCaseSensitiveUnlikeMatchers()
    {
        RuleManagementPolicy policy = SampleRules.Policy(modify: "re:heartbleed \"HEARTBLEED\" \"x\"\n");
        RuleLine rule = SampleRules.Active(SampleRules.Heartbleed);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Same(rule, result);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(1, policy.Statistics.Entries[0].Hits);     // matcher selected it
        Assert.Equal(0, policy.Statistics.Entries[0].Changes);  // pattern did not occur
    }

    [Fact]
    public void Apply_MetadataAdd_AppendsMetadataOption()
    {
        RuleManagementPolicy policy = SampleRules.Policy(
            modify: "metadata-add re:\"HeartBleed\" \"evebox.action\" \"archive\"\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out RuleChange change);

        Assert.Equal(RuleChange.Modified, change);
        Assert.EndsWith("updated_at 2019_07_26; metadata: evebox.action archive;)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ModifyResultNotARule_KeepsOriginalAndCountsRejection()
    {
        RuleManagementPolicy policy = SampleRules.Policy(modify: "2018372 \"^alert.*$\" \"garbage\"\n");
        RuleLine rule = SampleRules.Active(SampleRules.Heartbleed);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Same(rule, result);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(1, policy.Statistics.ModificationsRejected);
    }

    [Fact]
    public void Apply_TwoModifyEntries_SecondSeesFirstResult()
    {
        RuleManagementPolicy policy = SampleRules.Policy(
            modify: "2018372 \"sid:2018372\" \"sid:9018372\"\n9018372 \"rev:3\" \"rev:4\"\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);

        Assert.Contains("sid:9018372; rev:4;", result.Text, StringComparison.Ordinal);
        Assert.All(policy.Statistics.Entries, entry => Assert.Equal(1, entry.Changes));
    }

    [Fact]
    public void Apply_ModifyWithTrailingComment_CommentIgnoredButQuotedHashKept()
    {
        RuleManagementPolicy policy = SampleRules.Policy(
            modify: "2018372 \"msg:\\\"ET EXPLOIT\" \"msg:\\\"#1 ET EXPLOIT\"   # tag our rules\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out _);

        Assert.Contains("msg:\"#1 ET EXPLOIT Possible", result.Text, StringComparison.Ordinal);
    }
}
