using RustIds.Engine.Configuration;

namespace RustIds.Engine.Tests;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Load_FileWithCommentsAndTrailingCommas_BindsEverySection()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rustids.json");
        File.WriteAllText(path, """
            // operator's notes
            {
              "Firewall": { "Backend": "dry-run", "Allowlist": [ "192.0.2.0/24", "2001:db8::1" ], },
              /* block sooner */
              "Reputation": { "BlockThreshold": 40, "BaseBlockDuration": "00:05:00", "CountryWeights": { "XX": 15 } },
              "Notify": { "Webhooks": [ { "Url": "http://127.0.0.1:9/hook", "Format": "slack" } ] },
            }
            """);

        var result = ConfigLoader.Load(path, new Dictionary<string, string?>());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("dry-run", result.Options.Firewall.Backend);
        Assert.Equal(["192.0.2.0/24", "2001:db8::1"], result.Options.Firewall.Allowlist);
        Assert.Equal(40, result.Options.Reputation.BlockThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Options.Reputation.BaseBlockDuration);
        Assert.Equal(15, result.Options.Reputation.CountryWeights["XX"]);
        Assert.Equal("slack", result.Options.Notify.Webhooks[0].Format);
    }

    [Fact]
    public void Load_JsonSyntaxError_ReportsFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var path = temp.File("broken.json");
        File.WriteAllText(path, "{\n  \"Firewall\": {\n    \"Backend\" \"nftables\"\n  }\n}\n");

        var result = ConfigLoader.Load(path, new Dictionary<string, string?>());

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"{path}:3:", problem.Key, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralInvalidSettings_ListsThemAll()
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad.json");
        File.WriteAllText(path, """
            {
              "Firewall": { "Backend": "pf", "Allowlist": [ "10.0.0.0/33" ] },
              "Reputation": { "BlockThreshold": 0, "CountryWeights": { "usa": 5 } },
              "Notify": { "Email": { "Enabled": true, "To": [] }, "Webhooks": [ { "Url": "ftp://x" } ] },
              "Logging": { "Level": "Loud" },
              "Capture": { "Workers": 0 },
              "Packets": { "MaxFlows": 10, "StreamDepthKiB": 0 }
            }
            """);

        var keys = ConfigLoader.Load(path, new Dictionary<string, string?>()).Problems.Select(p => p.Key).ToList();

        Assert.Contains("Firewall:Backend", keys);
        Assert.Contains("Firewall:Allowlist:0", keys);
        Assert.Contains("Reputation:BlockThreshold", keys);
        Assert.Contains("Reputation:CountryWeights:usa", keys);
        Assert.Contains("Notify:Email:To", keys);
        Assert.Contains("Notify:Webhooks:0:Url", keys);
        Assert.Contains("Logging:Level", keys);
        Assert.Contains("Capture:Workers", keys);
        Assert.Contains("Packets:MaxFlows", keys);
        Assert.Contains("Packets:StreamDepthKiB", keys);
    }

    [Fact]
    public void Load_ValueOnlyTheScorerRejects_IsReportedInsteadOfCrashingLater()
    {
        using var temp = new TempDirectory();
        var path = temp.File("negative.json");
        File.WriteAllText(path, """{ "Reputation": { "BlocklistPoints": -5 } }""");

        var problem = Assert.Single(ConfigLoader.Load(path, new Dictionary<string, string?>()).Problems);

        Assert.Equal("Reputation", problem.Key);
        Assert.Contains("must not be negative", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKey_IsAProblemNotIgnored()
    {
        using var temp = new TempDirectory();
        var path = temp.File("typo.json");
        File.WriteAllText(path, """{ "Firewall": { "Backnd": "dry-run" } }""");

        var result = ConfigLoader.Load(path, new Dictionary<string, string?>());

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("Backnd", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EnvironmentOverride_WinsOverFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rustids.json");
        File.WriteAllText(path, """{ "Firewall": { "Backend": "nftables" } }""");

        var result = ConfigLoader.Load(path, new Dictionary<string, string?> { ["Firewall:Backend"] = "dry-run" });

        Assert.True(result.IsValid);
        Assert.Equal("dry-run", result.Options.Firewall.Backend);
    }

    [Fact]
    public void Load_MissingFile_IsAProblem()
    {
        var result = ConfigLoader.Load("/nonexistent/rustids.json", new Dictionary<string, string?>());

        Assert.Equal("--config", Assert.Single(result.Problems).Key);
    }

    [Fact]
    public void ValidateFiles_MissingRuleAndBlocklistFiles_AreListed()
    {
        var options = new RustIdsOptions();
        options.Rules.Files.Add("/nonexistent/a.rules");
        options.Reputation.Blocklists.Add("/nonexistent/list.txt");

        var keys = ConfigValidator.ValidateFiles(options).Select(p => p.Key).ToList();

        Assert.Equal(["Rules:Files:0", "Reputation:Blocklists:0"], keys);
    }

    [Fact]
    public void Load_ShippedDefaultConfig_IsValid()
    {
        var result = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "config", "rustids.json"), new Dictionary<string, string?>());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Load_InvalidNotifyPolicyAndOutbox_NamesEachKeyPrecisely()
    {
        using var temp = new TempDirectory();
        var path = temp.File("notify.json");
        File.WriteAllText(path, """
            {
              "Notify": {
                "Email": { "Enabled": true, "Host": "smtp.example.org", "Port": 465, "UseStartTls": true, "UserName": "u", "Password": "p",
                           "To": [ "soc@example.org" ], "Policy": { "ImmediateSeverity": "urgent", "Digest": "weekly", "MaxPerHour": -1 } },
                "Webhooks": [ { "Url": "https://hooks.example.org/x", "Timeout": "00:10:00", "Policy": { "DedupWindow": "-00:01:00", "DailyDigestTime": "1.00:00:00" } } ],
                "Outbox": { "RetriesPerRound": 11, "RetryMaxDelay": "00:00:00.5", "MaxRounds": 0, "KeepDelivered": "00:10:00" }
              }
            }
            """);

        var problems = ConfigLoader.Load(path, new Dictionary<string, string?>()).Problems.ToDictionary(p => p.Key, p => p.Message);

        Assert.Contains("implicit TLS", problems["Notify:Email:Port"], StringComparison.Ordinal);
        Assert.Equal("'urgent' is not one of info, low, medium, high, critical", problems["Notify:Email:Policy:ImmediateSeverity"]);
        Assert.Equal("'weekly' must be 'hourly' or 'daily'", problems["Notify:Email:Policy:Digest"]);
        Assert.Contains("Notify:Email:Policy:MaxPerHour", problems.Keys);
        Assert.Contains("Notify:Webhooks:0:Timeout", problems.Keys);
        Assert.Contains("Notify:Webhooks:0:Policy:DedupWindow", problems.Keys);
        Assert.Contains("Notify:Webhooks:0:Policy:DailyDigestTime", problems.Keys);
        Assert.Contains("Notify:Outbox:RetriesPerRound", problems.Keys);
        Assert.Contains("Notify:Outbox:RetryMaxDelay", problems.Keys);
        Assert.Contains("Notify:Outbox:MaxRounds", problems.Keys);
        Assert.Contains("Notify:Outbox:KeepDelivered", problems.Keys);
    }

    [Fact]
    public void Load_AuthWithoutStartTlsToARemoteServer_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = temp.File("auth.json");
        File.WriteAllText(path, """
            { "Notify": { "Email": { "Enabled": true, "Host": "smtp.example.org", "UserName": "u", "Password": "p", "To": [ "soc@example.org" ] } } }
            """);

        var problem = Assert.Single(ConfigLoader.Load(path, new Dictionary<string, string?>()).Problems);

        Assert.Equal("Notify:Email:UseStartTls", problem.Key);
        Assert.Contains("password in clear text", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigLoader_RotationAndLoggingKeys_ValidatedByKey()
    {
        using var temp = new TempDirectory();
        var config = temp.File("rustids.json");
        File.WriteAllText(config, """
            { "Reputation": { "FeedCatalog": null },
              "Eve": { "RotateSizeMiB": 0, "RotateInterval": "00:00:10", "RotateKeep": 0, "Events": { "Dns": true, "QueueCapacity": 0 } },
              "Logging": { "FileSizeLimitMiB": 0, "Overrides": { "Quartz": "Loud" } } }
            """);

        var keys = ConfigLoader.Load(config, new Dictionary<string, string?>()).Problems.Select(p => p.Key).ToList();

        Assert.Equal(["Eve:RotateSizeMiB", "Eve:RotateInterval", "Eve:RotateKeep", "Eve:Events:QueueCapacity", "Logging:FileSizeLimitMiB", "Logging:Overrides:Quartz"],
            keys.Where(k => k.StartsWith("Eve:", StringComparison.Ordinal) || k.StartsWith("Logging:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_DetectorSettings_BindReplaceListsAndAreValidatedByKey()
    {
        using var temp = new TempDirectory();
        var path = temp.File("detectors.json");
        File.WriteAllText(path, """
            {
              "Detectors": {
                "InternalNetworks": [ "10.1.0.0/16" ],
                "PortScan": { "FastPorts": 0 },
                "BruteForce": { "Ports": [ 22, 70000 ] },
                "Anomaly": { "Interval": "00:00:00" }
              }
            }
            """);

        var result = ConfigLoader.Load(path, new Dictionary<string, string?> { ["Detectors:SynFlood:SourceSyns"] = "300" });

        Assert.Equal(["Detectors:PortScan:FastPorts", "Detectors:BruteForce:Ports:1", "Detectors:Anomaly:Interval"], result.Problems.Select(p => p.Key));
        Assert.Equal(["10.1.0.0/16"], result.Options.Detectors.InternalNetworks);
        Assert.Equal([22, 70000], result.Options.Detectors.BruteForce.Ports);
        Assert.Equal(300, result.Options.Detectors.SynFlood.SourceSyns);
    }

    [Fact]
    public void Load_ShippedDefaultConfig_DetectorsMatchTheDocumentedDefaults()
    {
        var result = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "config", "rustids.json"), new Dictionary<string, string?>());
        var defaults = new RustIds.Detection.Behaviour.DetectorOptions();

        Assert.Equal(defaults.EffectiveInternalNetworks, result.Options.Detectors.EffectiveInternalNetworks);
        Assert.Equal(defaults.BruteForce.EffectivePorts, result.Options.Detectors.BruteForce.EffectivePorts);
        Assert.Equal(defaults.PortScan.SlowWindow, result.Options.Detectors.PortScan.SlowWindow);
        Assert.Equal(defaults.Exfiltration.MinBytes, result.Options.Detectors.Exfiltration.MinBytes);
    }
}
