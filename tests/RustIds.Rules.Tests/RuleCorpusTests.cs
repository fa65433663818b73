using System.Text.RegularExpressions;
using RustIds.Packets;
using Xunit.Abstractions;

namespace RustIds.Rules.Tests;

/// <summary>The parser against the full ET Open and Snort community rule sets.</summary>
public sealed partial class RuleCorpusTests
{
    private static readonly string RulesRoot = Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules");

    private readonly ITestOutputHelper _output;

    public RuleCorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [SkippableTheory]
    [InlineData("et-open", 500)]
    [InlineData("snort2-community", 30)]
    [InlineData("snort3-community", 50)]
    public void LoadFiles_PublicRuleSet_NoExceptionAndLocatedDiagnostics(string set, int minimumLoaded)
    {
        var directory = Path.Combine(RulesRoot, set);
        Skip.IfNot(Directory.Exists(directory), $"{directory} not present");
        var files = Directory.GetFiles(directory, "*.rules").Order(StringComparer.Ordinal).ToArray();
        var classifications = ClassificationTable.CreateDefault();
        var classificationFile = Path.Combine(directory, "classification.config");
        if (File.Exists(classificationFile))
            Assert.Empty(classifications.LoadFile(classificationFile));

        var result = new RuleFileLoader(RuleVariables.CreateDefault(), classifications).LoadFiles(files);

        Assert.Equal(files.Length, result.FileCount);
        Assert.All(result.Diagnostics, d =>
        {
            Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString());
            Assert.False(string.IsNullOrEmpty(d.File));
        });
        Report(set, result);
        Assert.True(result.Rules.Count >= minimumLoaded, $"only {result.Rules.Count} rules loaded");

        // The loaded rules must compile and evaluate without throwing.
        var compiled = new CompiledRuleSet(result.Rules);
        Span<int> matches = stackalloc int[compiled.Count == 0 ? 1 : compiled.Count];
        var packet = TestPackets.Tcp("GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl\r\n\r\n"u8, source: "10.0.0.5", destination: "203.0.113.1");
        compiled.Evaluate(packet, matches);
    }

    private void Report(string set, RuleLoadResult result)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var rulesWithErrors = errors.Select(d => (d.File, d.Line)).Distinct().Count();
        var unsupportedRules = errors.Where(d => d.Kind == RuleDiagnosticKind.Unsupported).Select(d => (d.File, d.Line)).Distinct().Count();
        _output.WriteLine($"[{set}] loaded={result.Rules.Count} disabled={result.DisabledCount} rejected={rulesWithErrors} (with an unsupported feature={unsupportedRules}) errors={result.ErrorCount} warnings={result.WarningCount}");
        foreach (var group in result.Diagnostics.GroupBy(d => $"{d.Severity}/{d.Kind}: {QuotedPart().Replace(d.Message, "'…'")}").OrderByDescending(g => g.Count()).Take(20))
            _output.WriteLine($"  {group.Count(),7}  {group.Key}");
        foreach (var group in errors.Where(d => d.Message.StartsWith("unsupported protocol", StringComparison.Ordinal)).GroupBy(d => d.Message).OrderByDescending(g => g.Count()).Take(10))
            _output.WriteLine($"  {group.Count(),7}  {group.Key}");
        _output.WriteLine("  top unsupported keywords (rules needing them):");
        foreach (var group in errors.Where(d => d.Message.StartsWith("unsupported keyword", StringComparison.Ordinal)).GroupBy(d => d.Message).OrderByDescending(g => g.Count()).Take(15))
            _output.WriteLine($"  {group.Count(),7}  {group.Key}");
        var blockedByOne = errors.GroupBy(d => (d.File, d.Line)).Where(g => g.Count() == 1 && g.First().Message.StartsWith("unsupported keyword", StringComparison.Ordinal))
            .GroupBy(g => g.First().Message).OrderByDescending(g => g.Count()).Take(5);
        _output.WriteLine("  rules blocked by exactly one unsupported keyword:");
        foreach (var group in blockedByOne)
            _output.WriteLine($"  {group.Count(),7}  {group.Key}");
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedPart();
}
