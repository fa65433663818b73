using System.Diagnostics;
using RustIds.Rules.Buffers;
using RustIds.Rules.Prefilter;
using RustIds.Testing;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests.Prefilter;

/// <summary>Hyperscan and Aho-Corasick give identical found sets over every ET Open content, and both agree with a naive search.</summary>
public sealed class PrefilterCorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Scan_EtOpenContents_BothEnginesAndNaiveSearchAgree()
    {
        var directory = Path.Combine(RepoPaths.SharedData, "rules", "et-open");
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var files = Directory.GetFiles(directory, "*.rules").Order(StringComparer.Ordinal).ToArray();
        var rules = new RuleFileLoader().LoadFiles(files).Rules;
        var patterns = rules.SelectMany(r => r.Contents).Where(c => !c.Negated)
            .Select((c, i) => new MultiPattern(i, c.Pattern.ToArray(), c.NoCase)).ToList();
        Assert.True(patterns.Count > 20_000, $"only {patterns.Count} patterns");

        var clock = Stopwatch.StartNew();
        using var hyperscan = MultiPatternDatabase.Compile(patterns, PrefilterEngine.Hyperscan);
        var hyperscanCompile = clock.Elapsed;
        clock.Restart();
        using var aho = MultiPatternDatabase.Compile(patterns, PrefilterEngine.AhoCorasick);
        var ahoCompile = clock.Elapsed;
        output.WriteLine($"{patterns.Count} patterns; Hyperscan {hyperscanCompile.TotalMilliseconds:F0} ms, {hyperscan.MemoryBytes / 1024} KiB; Aho-Corasick {ahoCompile.TotalMilliseconds:F0} ms, {aho.MemoryBytes / 1024} KiB");
        using var hs = hyperscan.CreateScanner();
        using var ac = aho.CreateScanner();

        var random = new Random(4242);
        var inputs = new List<byte[]>();
        // Real text: the rule files cut in chunks (they contain every pattern, in varied case).
        foreach (var file in files.Take(12))
        {
            var text = File.ReadAllBytes(file);
            for (var at = 0; at < text.Length; at += 3000)
                inputs.Add(text[at..Math.Min(text.Length, at + 3000)]);
        }
        // Random bytes with pattern snippets spliced in, some with their case flipped.
        for (var i = 0; i < 300; i++)
        {
            var data = new byte[random.Next(1, 1500)];
            random.NextBytes(data);
            for (var k = 0; k < 6; k++)
            {
                var pattern = patterns[random.Next(patterns.Count)].Bytes;
                var at = random.Next(data.Length);
                for (var j = 0; j < pattern.Length && at + j < data.Length; j++)
                    data[at + j] = random.Next(3) == 0 && (uint)(pattern[j] - 'a') <= 25 ? (byte)(pattern[j] & 0xDF) : pattern[j];
            }
            inputs.Add(data);
        }

        var compared = 0;
        var hitsTotal = 0;
        foreach (var data in inputs)
        {
            var fromHyperscan = PrefilterTests.Scan(hs, hyperscan, data);
            var fromAho = PrefilterTests.Scan(ac, aho, data);
            Assert.Equal(fromHyperscan, fromAho);
            hitsTotal += fromAho.Length;
            if (compared++ % 25 == 0)
                Assert.Equal(Naive(patterns, data), fromAho);
        }
        output.WriteLine($"{inputs.Count} inputs, {hitsTotal} pattern hits, identical on both engines");
        Assert.True(hitsTotal > inputs.Count, "too few hits for the comparison to mean anything");
    }

    private static int[] Naive(List<MultiPattern> patterns, byte[] data) =>
        [.. patterns.Where(p => p.NoCase ? ContentSearch.IndexOfFolded(data, ContentMatch.Fold(p.Bytes)) >= 0 : data.AsSpan().IndexOf(p.Bytes) >= 0).Select(p => p.Id)];
}
