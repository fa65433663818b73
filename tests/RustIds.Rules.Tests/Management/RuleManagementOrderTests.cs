using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

public sealed class RuleManagementOrderTests
{
    [Fact]
    public void Apply_EnableConf_EnablesCommentedOutRule()
    {
        RuleManagementPolicy policy = SampleRules.Policy(enable: "group:emerging-icmp.rules\n");
        RuleLine rule = SampleRules.Commented(SampleRules.IcmpMaskReply);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Equal(RuleChange.Enabled, change);
        Assert.Equal(rule with { Enabled = true }, result);
        Assert.Equal(SampleRules.IcmpMaskReply, result.ToFileText());
        Assert.Equal(1, policy.Statistics.RulesEnabled);
    }

    [Fact]
    public void Apply_EnableConfOnActiveRule_NothingToDo()
    {
        RuleManagementPolicy policy = SampleRules.Policy(enable: "2018372\n");
        RuleLine rule = SampleRules.Active(SampleRules.Heartbleed);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Same(rule, result);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(0, policy.Statistics.Entries[0].Hits); // enable entries are tried on disabled rules only
    }

    [Fact]
    public void Apply_ActiveSidInBothEnableAndDisable_EndsEnabledAsSuricataUpdate()
    {
        // suricata-update: disable runs first, then enable, so enable wins.
        RuleManagementPolicy policy = SampleRules.Policy(enable: "2018372\n", disable: "2018372\n");
        RuleLine rule = SampleRules.Active(SampleRules.Heartbleed);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.True(result.Enabled);
        Assert.Equal(RuleChange.None, change); // net change
        Assert.All(policy.Statistics.Entries, entry => Assert.Equal(1, entry.Hits));
        Assert.Equal(0, policy.Statistics.RulesDisabled);
        Assert.Equal(0, policy.Statistics.RulesEnabled);
    }

    [Fact]
    public void Apply_CommentedSidInBothEnableAndDisable_BecomesEnabled()
    {
        RuleManagementPolicy policy = SampleRules.Policy(enable: "2100387\n", disable: "2100387\n");

        RuleLine result = policy.Apply(SampleRules.Commented(SampleRules.IcmpMaskReply), out RuleChange change);

        Assert.True(result.Enabled);
        Assert.Equal(RuleChange.Enabled, change);
        RuleManagementEntry disable = policy.Statistics.Entries.Single(e => e.Stage == RuleManagementStage.Disable);
        Assert.Equal(0, disable.Hits); // disable entries are tried on active rules only
    }

    [Fact]
    public void Apply_DropConf_RewritesAlertToDrop()
    {
        RuleManagementPolicy policy = SampleRules.Policy(drop: "re:heartbleed\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out RuleChange change);

        Assert.Equal(RuleChange.Dropped, change);
        Assert.Equal("drop" + SampleRules.Heartbleed["alert".Length..], result.Text);
        Assert.True(result.Enabled);
        Assert.Equal(1, policy.Statistics.RulesDropped);
    }

    [Fact]
    public void Apply_DropConfOnCommentedRule_DropsButKeepsItDisabled()
    {
        RuleManagementPolicy policy = SampleRules.Policy(drop: "2100387\n");

        RuleLine result = policy.Apply(SampleRules.Commented(SampleRules.IcmpMaskReply), out RuleChange change);

        Assert.Equal(RuleChange.Dropped, change);
        Assert.False(result.Enabled);
        Assert.StartsWith("# drop icmp ", result.ToFileText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DropConfOnNoAlertRule_LeavesFlowbitSetterAlone()
    {
        RuleManagementPolicy policy = SampleRules.Policy(drop: "*\n");
        RuleLine rule = SampleRules.Active(SampleRules.FlowbitSetter);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Same(rule, result);
        Assert.Equal(RuleChange.None, change);
    }

    [Fact]
    public void Apply_DropConfOnDropRule_CountsHitButNoChange()
    {
        RuleManagementPolicy policy = SampleRules.Policy(drop: "2018372\n");
        RuleLine rule = SampleRules.Active("drop" + SampleRules.Heartbleed["alert".Length..]);

        RuleLine result = policy.Apply(rule, out RuleChange change);

        Assert.Same(rule, result);
        Assert.Equal(RuleChange.None, change);
        Assert.Equal(1, policy.Statistics.Entries[0].Hits);
        Assert.Equal(0, policy.Statistics.Entries[0].Changes);
    }

    [Fact]
    public void Apply_DropThenModify_ModifySeesTheDroppedRule()
    {
        RuleManagementPolicy policy = SampleRules.Policy(
            modify: "re:^drop \"^drop\" \"reject\"\n", drop: "2018372\n");

        RuleLine result = policy.Apply(SampleRules.Active(SampleRules.Heartbleed), out RuleChange change);

        Assert.Equal(RuleChange.Dropped | RuleChange.Modified, change);
        Assert.StartsWith("reject tcp ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AllFourFiles_OneRuleGetsEveryChange()
    {
        RuleManagementPolicy policy = SampleRules.Policy(
            enable: "group:emerging-icmp\n",
            disable: "metadata: deployment perimeter\n",
            modify: "2100387 \"rev:8\" \"rev:9\"\n",
            drop: "re:ICMP Address Mask\n");

        RuleLine result = policy.Apply(SampleRules.Commented(SampleRules.IcmpMaskReply), out RuleChange change);

        Assert.Equal(RuleChange.Enabled | RuleChange.Dropped | RuleChange.Modified, change);
        Assert.True(result.Enabled);
        Assert.StartsWith("drop icmp ", result.Text, StringComparison.Ordinal);
        Assert.Contains("sid:2100387; rev:9;", result.Text, StringComparison.Ordinal);
        Assert.Equal(20, result.Line);
        Assert.Equal(SampleRules.IcmpFile, result.File);
    }
}
