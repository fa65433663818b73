namespace RustIds.Rules.Tests;

public sealed class RuleFileLoaderTests
{
    [Fact]
    public void LoadText_ContinuationLines_JoinAndReportPhysicalPosition()
    {
        const string Text = "alert tcp any any -> any any (msg:\"a\"; \\\n    content:\"x\"; \\\n    sid:1;)\n"
            + "alert tcp any any -> any any (msg:\"b\"; \\\n  xbits:set,a,track ip_src; sid:2;)\n";

        var result = new RuleFileLoader().LoadText(Text, "c.rules");

        var rule = Assert.Single(result.Rules);
        Assert.Equal(1, rule.Line);
        Assert.Equal("x"u8.ToArray(), rule.Contents[0].Pattern.ToArray());
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((5, 3, 2L), (error.Line, error.Column, error.Sid));
        Assert.Equal("c.rules:5:3: error: unsupported keyword 'xbits' [sid 2]", error.ToString());
    }

    [Fact]
    public void LoadText_CommentsAndDisabledRules_AreSkippedAndCounted()
    {
        const string Text = "# a comment\n\n   \n#alert tcp any any -> any any (msg:\"a\"; sid:1;)\n"
            + "# drop udp any any -> any any (msg:\"b\"; sid:2;)\n## alert http any any -> any any (broken\n"
            + "#alerting is fun\nalert tcp any any -> any any (msg:\"c\"; sid:3;)\r\n";

        var result = new RuleFileLoader().LoadText(Text);

        Assert.Equal(3, result.DisabledCount);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, Assert.Single(result.Rules).Sid);
    }

    [Fact]
    public void LoadText_BadRuleBetweenGoodOnes_OnlyBadOneDropped()
    {
        const string Text = "alert tcp any any -> any any (msg:\"a\"; sid:1;)\nalert tcp any any -> any any (msg:\"b\"; sid:x;)\nalert tcp any any -> any any (msg:\"c\"; sid:3;)\n";

        var result = new RuleFileLoader().LoadText(Text, "f");

        Assert.Equal([1L, 3L], result.Rules.Select(r => r.Sid));
        Assert.Equal(2, Assert.Single(result.Diagnostics).Line);
        Assert.Equal(1, result.ErrorCount);
    }

    [Theory]
    [InlineData(2, 3, 3)]
    [InlineData(5, 3, 5)]
    [InlineData(3, 3, 3)]
    public void LoadText_DuplicateSid_KeepsHigherRevAndWarns(int firstRev, int secondRev, int keptRev)
    {
        var text = $"alert tcp any any -> any any (msg:\"first\"; sid:9; rev:{firstRev};)\nalert tcp any any -> any any (msg:\"second\"; sid:9; rev:{secondRev};)\nalert tcp any any -> any any (msg:\"other gid\"; gid:2; sid:9;)\n";

        var result = new RuleFileLoader().LoadText(text);

        Assert.Equal(2, result.Rules.Count);
        Assert.Equal(keptRev, result.Rules[0].Rev);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, RuleDiagnosticKind.Duplicate, 9L), (warning.Severity, warning.Kind, warning.Sid));
    }

    [Fact]
    public void LoadFiles_MissingFile_IsDiagnosticNotException()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "nope.rules");

        var result = new RuleFileLoader().LoadFiles([path]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 1, 1, RuleDiagnosticKind.Io), (error.File, error.Line, error.Column, error.Kind));
        Assert.Equal(0, result.FileCount);
    }

    [Fact]
    public void LoadFiles_RealFile_LoadsRulesWithFileName()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "alert udp any any -> any 53 (msg:\"dns\"; content:\"|01 00|\"; sid:5;)\n");

            var result = new RuleFileLoader().LoadFiles([path]);

            Assert.Equal(path, Assert.Single(result.Rules).File);
            Assert.Equal(1, result.FileCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void ClassificationTable_EtOpenConfig_LoadsAndFeedsRules()
    {
        var Path = System.IO.Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules", "et-open", "classification.config");
        Skip.IfNot(File.Exists(Path), "ET Open classification.config not present");
        var table = new ClassificationTable();

        var diagnostics = table.LoadFile(Path);

        Assert.Empty(diagnostics);
        Assert.True(table.Count >= 40);
        Assert.True(table.TryGet("web-application-attack", out var entry));
        Assert.Equal(1, entry!.Priority);
        var rule = new RuleParser(null, table).Parse("alert tcp any any -> any any (msg:\"m\"; classtype:attempted-recon; sid:1;)", "t", 1, new List<RuleDiagnostic>());
        Assert.Equal(("Attempted Information Leak", 2), (rule!.Category, rule.Priority));
    }

    [Fact]
    public void ClassificationTable_BadLine_IsReportedWithLine()
    {
        var table = new ClassificationTable();
        var diagnostics = new List<RuleDiagnostic>();

        table.Parse("config classification: a,A,1\nconfig classification: b,B\n", "c.config", diagnostics);

        Assert.Equal(1, table.Count);
        Assert.Equal(2, Assert.Single(diagnostics).Line);
    }

    [Fact]
    public void ClassificationTable_Default_HasCommonEtClasstypes()
    {
        var table = ClassificationTable.CreateDefault();

        foreach (var name in (string[])["web-application-attack", "attempted-admin", "attempted-user", "trojan-activity", "bad-unknown",
                     "attempted-recon", "misc-attack", "policy-violation", "misc-activity", "not-suspicious", "unknown", "command-and-control"])
        {
            Assert.True(table.TryGet(name, out _), name);
        }
    }
}
