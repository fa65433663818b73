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

    /// <summary>Parses a rule as the loader does for a file of Snort 3 rules.</summary>
    public static Rule ParseSnort3(string text)
    {
        var result = new RuleFileLoader().LoadText(text + "\n# service:http marks the file as Snort 3\nalert tcp any any -> any any ( msg:\"m\"; service:http; sid:999999; )\n", "s3.rules");
        Assert.True(result.ErrorCount == 0, string.Join("\n", result.Diagnostics));
        return result.Rules[0];
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
