using System.Diagnostics;
using System.Text;
using RustIds.Rules.Management;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Management;

public sealed class EtOpenCorpusTests
{
    private readonly ITestOutputHelper _output;

    public EtOpenCorpusTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void Read_EveryEtOpenFile_CountsMatchTheDataReadme()
    {
        Skip.If(EtOpenCorpus.Directory is null, "shared/data/rules/et-open not found");

        List<RuleLine> lines = EtOpenCorpus.ReadAll();

        // SOURCE.md: 24,827 active and 6,579 commented out, emerging-deleted.rules (3,444 commented out) excluded.
        List<RuleLine> counted = [.. lines.Where(l => l.File != EtOpenCorpus.DeletedFile)];
        Assert.Equal(24_827, counted.Count(l => l.Enabled));
        Assert.Equal(6_579, counted.Count(l => !l.Enabled));
        Assert.Equal(3_444, lines.Count(l => l.File == EtOpenCorpus.DeletedFile && !l.Enabled));
        Assert.Equal(0, lines.Count(l => l.File == EtOpenCorpus.DeletedFile && l.Enabled));
        Assert.Equal(23, lines.Count(l => l.File == "emerging-games.rules" && l.Enabled));
        Assert.Equal(66, lines.Count(l => l.File == "emerging-games.rules" && !l.Enabled));
    }

    [SkippableFact]
    public void Apply_DisableGamesEnableHeartbleed_CountsChangeByExactlyTheSelectedRules()
    {
        Skip.If(EtOpenCorpus.Directory is null, "shared/data/rules/et-open not found");
        List<RuleLine> lines = EtOpenCorpus.ReadAll();
        RuleManagementPolicy policy = SampleRules.Policy(
            enable: "re:heartbleed\n", disable: "group:emerging-games.rules\n");

        int gamesActive = lines.Count(l => l.Enabled && l.File == "emerging-games.rules");
        int heartbleedCommented = lines.Count(
            l => !l.Enabled && l.Text.Contains("heartbleed", StringComparison.OrdinalIgnoreCase));
        int heartbleedActive = lines.Count(
            l => l.Enabled && l.Text.Contains("heartbleed", StringComparison.OrdinalIgnoreCase));
        List<RuleLine> after = [.. lines.Select(l => policy.Apply(l, out _))];

        // In this snapshot all 14 Heartbleed rules already ship active, so the enable entry changes nothing.
        Assert.Equal((23, 0, 14), (gamesActive, heartbleedCommented, heartbleedActive));
        Assert.Equal(lines.Count(l => l.Enabled) - gamesActive + heartbleedCommented, after.Count(l => l.Enabled));
        Assert.Equal(gamesActive, policy.Statistics.RulesDisabled);
        Assert.Equal(heartbleedCommented, policy.Statistics.RulesEnabled);
        Assert.Equal(lines.Count, policy.Statistics.RulesSeen);
        Assert.Equal(0, policy.Statistics.NotRules);
        Assert.Equal("re:heartbleed", Assert.Single(policy.Statistics.GetEntriesWithoutHits()).Text);
        Assert.All(after.Where(l => l.File == "emerging-games.rules"), l => Assert.False(l.Enabled));
    }

    [SkippableFact]
    public void Apply_DisableGamesEnableGamesByRegex_EnableWinsForEveryGamesRule()
    {
        Skip.If(EtOpenCorpus.Directory is null, "shared/data/rules/et-open not found");
        List<RuleLine> lines = EtOpenCorpus.ReadAll();
        RuleManagementPolicy policy = SampleRules.Policy(
            enable: "re:msg:\"ET GAMES\n", disable: "group:emerging-games\n");

        bool Selected(RuleLine l) => l.Text.Contains("msg:\"ET GAMES", StringComparison.OrdinalIgnoreCase);
        int expectedEnabled = lines.Count(l => !l.Enabled && Selected(l));
        int expectedDisabled = lines.Count(l => l.Enabled && l.File == "emerging-games.rules" && !Selected(l));
        List<RuleLine> after = [.. lines.Select(l => policy.Apply(l, out _))];

        Assert.Equal(65, expectedEnabled); // 66 commented-out games rules, one of them a "GPL GAMES" rule
        Assert.Equal(expectedEnabled, policy.Statistics.RulesEnabled);
        Assert.Equal(expectedDisabled, policy.Statistics.RulesDisabled);
        Assert.Equal(lines.Count(l => l.Enabled) + expectedEnabled - expectedDisabled, after.Count(l => l.Enabled));
    }

    [SkippableFact]
    public void Apply_HundredLinePolicyOverEtOpen_ReportsTime()
    {
        Skip.If(EtOpenCorpus.Directory is null, "shared/data/rules/et-open not found");
        List<RuleLine> lines = EtOpenCorpus.ReadAll();
        (string enable, string disable, string modify, string drop) = BuildHundredLinePolicy(lines);
        var errors = new List<RuleManagementError>();

        var parse = Stopwatch.StartNew();
        RuleManagementPolicy policy = RuleManagementPolicy.Parse(enable, disable, modify, drop, errors);
        parse.Stop();
        Assert.Empty(errors);
        Assert.Equal(100, policy.Statistics.Entries.Count);

        TimeSpan first = ApplyAll(policy, lines);
        policy.Statistics.Reset();
        TimeSpan second = ApplyAll(policy, lines);

        RuleManagementStatistics s = policy.Statistics;
        _output.WriteLine(
            $"parse {parse.Elapsed.TotalMilliseconds:F1} ms; apply {lines.Count} rules: first {first.TotalMilliseconds:F1} ms, "
            + $"warm {second.TotalMilliseconds:F1} ms; enabled {s.RulesEnabled}, disabled {s.RulesDisabled}, "
            + $"dropped {s.RulesDropped}, modified {s.RulesModified}, unused entries {s.GetEntriesWithoutHits().Count}");
        Assert.Equal(lines.Count, s.RulesSeen);
        Assert.True(s.RulesDisabled > 0 && s.RulesEnabled > 0 && s.RulesDropped > 0 && s.RulesModified > 0);
    }

    private static TimeSpan ApplyAll(RuleManagementPolicy policy, List<RuleLine> lines)
    {
        var watch = Stopwatch.StartNew();
        foreach (RuleLine line in lines)
        {
            policy.Apply(line, out _);
        }

        return watch.Elapsed;
    }

    // 100 entries shaped like a real tuning set: mostly sids, some groups, regexes, metadata, drops and modifies.
    private static (string Enable, string Disable, string Modify, string Drop) BuildHundredLinePolicy(List<RuleLine> lines)
    {
        List<string> activeSids = [.. lines.Where(l => l.Enabled).Select(Sid).Where(s => s.Length > 0)];
        List<string> commentedSids = [.. lines.Where(l => !l.Enabled).Select(Sid).Where(s => s.Length > 0)];
        var disable = new StringBuilder("# disable.conf\n");
        for (int i = 0; i < 40; i++)
        {
            disable.Append("1:").Append(activeSids[i * 577 % activeSids.Count]).Append('\n');
        }

        disable.Append("group:emerging-games.rules\ngroup:emerging-p2p\ngroup:*-chat.rules\ngroup:emerging-inappropriate\n")
            .Append("group:emerging-icmp_info.rules\nre:ET POLICY .*Dropbox\nre:MS(0[7-9]|10)-\\d+\nre:ET INFO Observed DNS Query to \\.(xyz|top)\n")
            .Append("re:tor exit node\nre:ET SCAN Nmap\nmetadata: signature_severity Informational\nmetadata: deployment Internal\n")
            .Append("metadata: former_category INFO\nmetadata: attack_target Mobile_Client\nre:ja3\n")
            .Append("re:ET GAMES\n2:1\nre:SURICATA\ngroup:tor\nfilename:*botcc*\n");
        var enable = new StringBuilder("# enable.conf\n");
        for (int i = 0; i < 20; i++)
        {
            enable.Append(commentedSids[i * 313 % commentedSids.Count]).Append('\n');
        }

        enable.Append("group:emerging-icmp.rules\ngroup:emerging-dos\nre:heartbleed\nre:CVE-2021-44228\nre:log4j\n")
            .Append("metadata: deployment Perimeter\nmetadata: signature_severity Major\ngroup:emerging-scan.rules\n")
            .Append("re:ET EXPLOIT Apache\nre:ET WEB_SERVER .* Shell\n");
        string drop = "# drop.conf\ngroup:emerging-exploit.rules\nre:ET MALWARE\nre:ET TROJAN\ngroup:ciarmy.rules\n"
            + "metadata: signature_severity Critical\n";
        string modify = "# modify.conf\n"
            + "2018372 \"depth:(\\d+)\" \"depth:${1}0\"\n"
            + "\"re:ET POLICY\" \"seconds \\d+\" \"seconds 3600\"\n"
            + "group:emerging-scan \"classtype:attempted-recon\" \"classtype:network-scan\"\n"
            + "metadata-add re:\"ET TROJAN\" \"rustids.tuned\" \"yes\"\n"
            + "re:tor \"(alert)(.*)\" \"drop\\\\2\"\n";
        return (enable.ToString(), disable.ToString(), modify, drop);
    }

    private static string Sid(RuleLine line)
    {
        int start = line.Text.IndexOf("; sid:", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        start += "; sid:".Length;
        int end = line.Text.IndexOf(';', start);
        return end < 0 ? "" : line.Text[start..end];
    }
}
