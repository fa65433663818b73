using RustIds.Rules.Management;

namespace RustIds.Rules.Tests.Management;

[Collection(AllocationCollection.Name)]
public sealed class RuleManagementAllocationTests
{
    [Fact]
    public void Apply_RulesLeftUnchanged_AllocatesNothingAfterWarmUp()
    {
        // Every matcher kind and every stage is exercised, but none selects these rules.
        RuleManagementPolicy policy = SampleRules.Policy(
            enable: "2999999\ngroup:emerging-dos\nre:log4j\nmetadata: deployment Internal\n",
            disable: "1:2999998\n2999997,2999996\ngroup:emerging-games.rules\nfilename:*/games/*\nre:MS(0[7-9]|10)-\\d+\n"
                + "metadata: signature_severity Informational\n",
            modify: "\"re:ET TROJAN\" \"seconds \\d+\" \"seconds 3600\"\n2018372 \"nothing-here\" \"x\"\n",
            drop: "group:ciarmy.rules\nre:ET MALWARE\n");
        RuleLine[] rules =
        [
            SampleRules.Active(SampleRules.Heartbleed),
            SampleRules.Commented(SampleRules.IcmpMaskReply),
            SampleRules.Active(SampleRules.FlowbitSetter),
            SampleRules.Commented(SampleRules.Gid3Rule, SampleRules.ExploitFile),
        ];
        for (int i = 0; i < 100; i++)
        {
            ApplyAll(policy, rules);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            ApplyAll(policy, rules);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(40_400, policy.Statistics.RulesSeen);
        Assert.Equal(0, policy.Statistics.RulesDisabled + policy.Statistics.RulesEnabled);
    }

    private static void ApplyAll(RuleManagementPolicy policy, RuleLine[] rules)
    {
        foreach (RuleLine rule in rules)
        {
            RuleLine result = policy.Apply(rule, out RuleChange change);
            if (change != RuleChange.None || !ReferenceEquals(result, rule))
            {
                throw new InvalidOperationException("the policy was meant to leave these rules alone");
            }
        }
    }
}
