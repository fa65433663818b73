using RustIds.Packets;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Evaluation;

/// <summary>
/// Every suricata-verify case in <c>../shared/data/conformance/suricata-verify</c>: its pcap replayed through the real packet
/// path with the case's rules, and every expected count per sid checked. A case's pcap is the one shared beside it or,
/// for the cases whose upstream generator script fully determines the packets, rebuilt by <c>scripts/gen-sv-pcaps.py</c>
/// (byte sizes equal to the originals); a case with neither is skipped, naming the missing file (see docs/rules.md).
/// </summary>
public sealed class SuricataVerifyTests
{
    private static readonly Lazy<TempDirectory> Rebuilt = new(RebuildPcaps);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(SuricataVerify.Root))
        {
            foreach (var directory in Directory.GetDirectories(SuricataVerify.Root).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(directory));
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Replay_Case_EveryExpectedCountPerSid(string name)
    {
        var directory = Path.Combine(SuricataVerify.Root, name);
        var expected = SuricataVerify.Read(directory);
        var pcaps = expected.Pcaps.Select(pcap => FindPcap(directory, name, pcap)).ToList();
        var missing = expected.Pcaps.Where((_, i) => pcaps[i] is null).ToList();
        Skip.If(missing.Count > 0, $"{name}: {string.Join(", ", missing)} is not in the shared data and no generator script determines it");
        var rules = new RuleFileLoader().LoadFiles(expected.Rules.Select(r => Path.Combine(directory, r)));
        Assert.Equal(0, rules.ErrorCount);
        LinkType linkType;
        using (var first = PcapFileSource.Open(pcaps[0]!))
            linkType = first.LinkType;
        using var run = new RuleRun(rules.Rules, linkType);

        foreach (var pcap in pcaps)
            run.FeedPcap(pcap!);
        run.Finish();

        SuricataVerify.AssertExpectedCounts(directory, run);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Load_CaseRules_EveryActiveRuleLoadsFully(string name)
    {
        // Holds for every case, pcap or not: nothing a case's rules use is held back as unsupported.
        var directory = Path.Combine(SuricataVerify.Root, name);
        var expected = SuricataVerify.Read(directory);

        var rules = new RuleFileLoader().LoadFiles(expected.Rules.Select(r => Path.Combine(directory, r)));

        Assert.Equal(0, rules.ErrorCount);
        Assert.Empty(rules.HeldBack);
        Assert.Equal(rules.ActiveCount, rules.Rules.Count);
        Assert.NotEmpty(rules.Rules);
    }

    private static string? FindPcap(string directory, string name, string pcap)
    {
        var shared = Path.Combine(directory, pcap);
        if (File.Exists(shared))
            return shared;
        if (!GeneratedCapture.CanGenerate)
            return null;
        var rebuilt = Path.Combine(Rebuilt.Value.Path, name + ".pcap");
        return File.Exists(rebuilt) ? rebuilt : null;
    }

    private static TempDirectory RebuildPcaps()
    {
        var temp = new TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => temp.Dispose();
        Tool.RunChecked(GeneratedCapture.Python, Path.Combine(RepoPaths.Root, "scripts", "gen-sv-pcaps.py"), "--out", temp.Path);
        return temp;
    }
}
