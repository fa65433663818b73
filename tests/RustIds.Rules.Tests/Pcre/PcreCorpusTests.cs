using System.Diagnostics;
using RustIds.Rules.Pcre;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Pcre;

public sealed class PcreCorpusTests
{
    private readonly ITestOutputHelper _output;

    public PcreCorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableFact]
    public void TryParse_EtOpenPcreOptions_AcceptsAtLeast97Percent()
    {
        var values = RuleCorpus.PcreValues(RuleCorpus.EtOpenFiles());
        Skip.If(values.Count == 0, "ET Open rules not present");
        double rate = Report("ET Open", values);
        Assert.True(rate >= 0.97, $"acceptance {rate:P2} below 97%");
    }

    [SkippableFact]
    public void TryParse_Snort3CommunityPcreOptions_AcceptsAtLeast97Percent()
    {
        Skip.IfNot(File.Exists(RuleCorpus.Snort3File), "snort3 community rules not present");
        var values = RuleCorpus.PcreValues([RuleCorpus.Snort3File]);
        double rate = Report("Snort 3 community", values);
        Assert.True(rate >= 0.97, $"acceptance {rate:P2} below 97%");
    }

    private double Report(string name, List<string> values)
    {
        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int accepted = 0;
        var sw = Stopwatch.StartNew();
        foreach (string v in values)
        {
            if (PcreParser.TryParse(v, out var spec, out string? error, out int offset))
            {
                Assert.NotNull(spec);
                accepted++;
                continue;
            }

            Assert.InRange(offset, 0, v.Length);
            if (!reasons.TryGetValue(error!, out var list))
            {
                reasons[error!] = list = [];
            }

            list.Add(v);
        }

        sw.Stop();
        double rate = values.Count == 0 ? 1 : (double)accepted / values.Count;
        _output.WriteLine($"{name}: {values.Count} pcre options, {accepted} accepted ({rate:P2}), {values.Count - accepted} rejected, {sw.ElapsedMilliseconds} ms");
        foreach (var (reason, list) in reasons.OrderByDescending(r => r.Value.Count))
        {
            _output.WriteLine($"  {list.Count,5}  {reason}");
            foreach (string example in list.Take(3))
            {
                _output.WriteLine($"           e.g. {example}");
            }
        }

        return rate;
    }
}
