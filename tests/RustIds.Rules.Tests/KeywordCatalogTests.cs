using RustIds.Rules.Keywords;

namespace RustIds.Rules.Tests;

/// <summary>The keyword table tells the truth: each example parses when supported and is held back, under its name, when not.</summary>
public sealed class KeywordCatalogTests
{
    public static TheoryData<string> Names => [.. KeywordCatalog.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_ParsesAsTheTableSays(string name)
    {
        var keyword = KeywordCatalog.All.Single(k => k.Name == name);
        var text = $"{keyword.Header} (msg:\"k\"; {keyword.Example} sid:1;)";
        var diagnostics = new List<RuleDiagnostic>();

        var rule = new RuleParser().Parse(new RuleSource("k.rules", 1, text, [0]), diagnostics, keyword.Snort3);

        if (keyword.Support == KeywordSupport.Unsupported)
        {
            Assert.Null(rule);
            Assert.Contains(diagnostics, d => d.Kind == RuleDiagnosticKind.Unsupported && d.Feature == keyword.Name);
        }
        else
        {
            Assert.True(rule is not null, $"{text}: {string.Join("; ", diagnostics)}");
            Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void All_NamesAreUniqueAndEveryRowExplainsAnUnsupportedKeywordOrHasAnExample()
    {
        Assert.Equal(KeywordCatalog.All.Count, KeywordCatalog.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(KeywordCatalog.All.Where(k => k.Name is not ("msg" or "sid")), k => Assert.False(string.IsNullOrWhiteSpace(k.Example), k.Name));
    }
}
