using RustIds.Packets;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>
/// The suricata-verify cases whose input pcap is fully determined by its upstream generator script, rebuilt by
/// <c>scripts/gen-sv-pcaps.py</c> (byte sizes equal to the originals), replayed with the case's rules and checked
/// against every expected count. The other cases need their pcaps in shared/data (see docs/rules.md).
/// </summary>
public sealed class SuricataVerifyTests
{
    [SkippableTheory]
    [InlineData("detect-flowbits", LinkType.Ethernet)]
    [InlineData("detect-pcre__detect-pcre-01", LinkType.Ethernet)]
    [InlineData("detect-pcre__detect-pcre-04", LinkType.Ethernet)]
    [InlineData("iponly-ipv6-range-01", LinkType.Raw)]
    public void Replay_RebuiltCase_EveryExpectedCountPerSid(string name, LinkType linkType)
    {
        var directory = Path.Combine(RepoPaths.SharedData, "conformance", "suricata-verify", name);
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        Skip.IfNot(GeneratedCapture.CanGenerate, "Debian's python3 is needed to rebuild the pcap");
        using var temp = new TempDirectory();
        Tool.RunChecked(GeneratedCapture.Python, Path.Combine(RepoPaths.Root, "scripts", "gen-sv-pcaps.py"), "--out", temp.Path, name);
        var rules = new RuleFileLoader().LoadFiles(Directory.GetFiles(directory, "*.rules"));
        Assert.Equal(0, rules.ErrorCount);
        using var run = new RuleRun(rules.Rules, linkType);

        run.FeedPcap(Path.Combine(temp.Path, name + ".pcap")).Finish();

        foreach (var (sid, count) in SuricataVerify.ExpectedAlerts(directory))
            Assert.True(run.Count(sid) == count, $"sid {sid}: expected {count}, got {run.Count(sid)}");
    }
}
