using RustIds.Engine.Configuration;
using RustIds.Engine.Loading;
using RustIds.Rules;
using RustIds.Testing;

namespace RustIds.Engine.Tests;

/// <summary>enable.conf, disable.conf, modify.conf and drop.conf from the configuration change what the loader loads.</summary>
public sealed class RuleManagementLoadingTests
{
    [Fact]
    public void Load_PolicyFiles_EnableDisableDropAndModifyApplyBeforeParsing()
    {
        using var temp = new TempDirectory();
        var rules = temp.File("vendor.rules");
        File.WriteAllText(rules, """
            alert tcp any any -> any any (msg:"one"; content:"a"; sid:1; rev:1;)
            alert tcp any any -> any any (msg:"two"; content:"b"; sid:2; rev:1;)
            # alert tcp any any -> any any (msg:"three"; content:"c"; sid:3; rev:1;)
            alert tcp any any -> any any (msg:"four"; content:"old"; sid:4; rev:1;)
            """);
        File.WriteAllText(temp.File("enable.conf"), "3\n");
        File.WriteAllText(temp.File("disable.conf"), "# noisy\n1:1\n999\n");
        File.WriteAllText(temp.File("drop.conf"), "2\n");
        File.WriteAllText(temp.File("modify.conf"), "4 \"content:\\\"old\\\"\" \"content:\\\"new\\\"\"\n");
        var options = new RulesOptions
        {
            Files = [rules],
            EnableConf = temp.File("enable.conf"),
            DisableConf = temp.File("disable.conf"),
            DropConf = temp.File("drop.conf"),
            ModifyConf = temp.File("modify.conf"),
        };

        var result = RuleSetLoader.Load(options);

        Assert.Equal([2L, 3L, 4L], result.Rules.Select(r => r.Sid).Order());
        Assert.Equal(RuleAction.Drop, result.Rules.Single(r => r.Sid == 2).Action);
        Assert.Equal("new"u8.ToArray(), result.Rules.Single(r => r.Sid == 4).Contents[0].Pattern.ToArray());
        Assert.Equal(1, result.DisabledCount);
        var unused = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains("'999' matched no rule", unused.Message, StringComparison.Ordinal);
        Assert.EndsWith("disable.conf", unused.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadPolicyLine_ReportedWithPositionAndOtherLinesStillApply()
    {
        using var temp = new TempDirectory();
        var rules = temp.File("vendor.rules");
        File.WriteAllText(rules, "alert tcp any any -> any any (msg:\"one\"; content:\"a\"; sid:1;)\nalert tcp any any -> any any (msg:\"two\"; content:\"b\"; sid:2;)\n");
        File.WriteAllText(temp.File("disable.conf"), "re:([unclosed\n2\n");

        var result = RuleSetLoader.Load(new RulesOptions { Files = [rules], DisableConf = temp.File("disable.conf") });

        Assert.Equal([1L], result.Rules.Select(r => r.Sid));
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(1, error.Line);
        Assert.EndsWith("disable.conf", error.File, StringComparison.Ordinal);
    }
}
