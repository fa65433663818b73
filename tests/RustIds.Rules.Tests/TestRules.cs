using RustIds.Packets;

namespace RustIds.Rules.Tests;

/// <summary>Helpers to parse single rules and build packets.</summary>
internal static class TestRules
{
    public static Rule Parse(string text)
    {
        var diagnostics = new List<RuleDiagnostic>();
        var rule = new RuleParser().Parse(text, "t.rules", 1, diagnostics);
        Assert.True(rule is not null, string.Join("\n", diagnostics));
        return rule!;
    }

    public static List<RuleDiagnostic> Errors(string text)
    {
        var diagnostics = new List<RuleDiagnostic>();
        var rule = new RuleParser().Parse(text, "t.rules", 1, diagnostics);
        Assert.Null(rule);
        return diagnostics;
    }

    public static CompiledRuleSet Compile(params string[] rules) => new(rules.Select(Parse));

    public static IpAddr Ip(string text) => IpAddr.Parse(text);
}
