using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Notify;

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

    [Fact]
    public void Load_SummaryRewrite_OffByDefaultAndOffInTheShippedConfig()
    {
        var shipped = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "config", "rustids.json"), new Dictionary<string, string?>());

        Assert.False(new RustIdsOptions().Notify.Summary.Rewrite.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(10), new RustIdsOptions().Notify.Summary.Rewrite.Timeout);
        var rewrite = shipped.Options.Notify.Summary.Rewrite;
        Assert.False(rewrite.Enabled);
        Assert.Equal("http://127.0.0.1:11434/v1", rewrite.Url);
        Assert.Null(rewrite.ApiKeyFile);
    }

    [Fact]
    public void Load_SummaryRewriteEnabledWithoutUrlOrModel_NamesBothKeys()
    {
        var problems = LoadNotify("""{ "Summary": { "Rewrite": { "Enabled": true } } }""");

        Assert.Equal(["Notify:Summary:Rewrite:Url", "Notify:Summary:Rewrite:Model"], problems.Keys);
        Assert.StartsWith("is required when the rewrite is enabled", problems["Notify:Summary:Rewrite:Url"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Url\": \"ftp://llm/v1\"", "Notify:Summary:Rewrite:Url", "'ftp://llm/v1' is not an http(s) URL")]
    [InlineData("\"Url\": \"not a url\"", "Notify:Summary:Rewrite:Url", "'not a url' is not an http(s) URL")]
    [InlineData("\"Url\": \"http://127.0.0.1:11434/v1/chat/completions\"", "Notify:Summary:Rewrite:Url", "without /chat/completions, which rustids appends")]
    [InlineData("\"Url\": \"http://llm.example.org/v1\", \"ApiKey\": \"sk-1\"", "Notify:Summary:Rewrite:Url", "must be https when an API key is set")]
    [InlineData("\"Url\": \"https://api.example.org/v1\", \"ApiKey\": \"\"", "Notify:Summary:Rewrite:ApiKey", "is empty")]
    [InlineData("\"Url\": \"https://api.example.org/v1\", \"ApiKey\": \"sk-1\", \"ApiKeyFile\": \"/etc/rustids/llm.key\"", "Notify:Summary:Rewrite:ApiKeyFile", "set either ApiKey or ApiKeyFile, not both")]
    [InlineData("\"Url\": \"http://127.0.0.1:11434/v1\", \"ApiKeyFile\": \"/nonexistent/llm.key\"", "Notify:Summary:Rewrite:ApiKeyFile", "'/nonexistent/llm.key' does not exist")]
    [InlineData("\"Url\": \"http://127.0.0.1:11434/v1\", \"Timeout\": \"00:10:00\"", "Notify:Summary:Rewrite:Timeout", "must be between 00:00:00.001 and 00:05:00")]
    [InlineData("\"Url\": \"http://127.0.0.1:11434/v1\", \"Timeout\": \"00:00:00\"", "Notify:Summary:Rewrite:Timeout", "must be between 00:00:00.001 and 00:05:00")]
    public void Load_SummaryRewriteBadSetting_IsTheOnlyProblemUnderItsKey(string settings, string key, string message)
    {
        var problems = LoadNotify($$"""{ "Summary": { "Rewrite": { "Enabled": true, "Model": "llama3.1:8b", {{settings}} } } }""");

        var problem = Assert.Single(problems);
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SummaryRewriteDisabled_IsNotChecked()
    {
        Assert.Empty(LoadNotify("""{ "Summary": { "Rewrite": { "Enabled": false, "Url": "ftp://x", "ApiKeyFile": "/nonexistent/llm.key" } } }"""));
    }

    [Theory]
    [InlineData("sk-from-file\n", UnixFileMode.UserRead | UnixFileMode.UserWrite, null)]
    [InlineData("sk-from-file", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "can be read or written by others (mode 0644): chmod 600")]
    [InlineData(" \n", UnixFileMode.UserRead | UnixFileMode.UserWrite, "is empty: put the API key in it")]
    public void Load_SummaryRewriteKeyFile_OnlyAPrivateFileWithAKeyIsAccepted(string content, UnixFileMode mode, string? problem)
    {
        using var temp = new TempDirectory();
        var keyFile = temp.File("llm.key");
        File.WriteAllText(keyFile, content);
        File.SetUnixFileMode(keyFile, mode);

        var problems = LoadNotify($$"""{ "Summary": { "Rewrite": { "Enabled": true, "Url": "https://api.example.org/v1", "Model": "gpt-4o-mini", "ApiKeyFile": "{{keyFile}}" } } }""");

        if (problem is null)
        {
            Assert.Empty(problems);
            Assert.True(NotifierFactory.TryReadApiKey(new SummaryRewriteSettings { ApiKeyFile = keyFile }, out var key, out _));
            Assert.Equal("sk-from-file", key);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(problems, p => p.Key == "Notify:Summary:Rewrite:ApiKeyFile").Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_SummaryRewriteFromEnvironment_BindsEveryKey()
    {
        using var temp = new TempDirectory();
        var empty = temp.File("rustids.json");
        File.WriteAllText(empty, "{}");

        var result = ConfigLoader.Load(empty, new Dictionary<string, string?>
        {
            ["Notify:Summary:Rewrite:Enabled"] = "true",
            ["Notify:Summary:Rewrite:Url"] = "https://api.example.org/v1/",
            ["Notify:Summary:Rewrite:Model"] = "gpt-4o-mini",
            ["Notify:Summary:Rewrite:ApiKey"] = "sk-env",
            ["Notify:Summary:Rewrite:Timeout"] = "00:00:20",
        });

        Assert.DoesNotContain(result.Problems, p => p.Key.StartsWith("Notify", StringComparison.Ordinal));
        var rewrite = result.Options.Notify.Summary.Rewrite;
        Assert.Equal((true, "https://api.example.org/v1/", "gpt-4o-mini", "sk-env", TimeSpan.FromSeconds(20)),
            (rewrite.Enabled, rewrite.Url, rewrite.Model, rewrite.ApiKey, rewrite.Timeout));
        Assert.Equal(new Uri("https://api.example.org/v1/chat/completions"), NotifierFactory.ToSummaryRewriteOptions(rewrite, rewrite.ApiKey).Endpoint);
    }

    [Fact]
    public async Task CreateChannels_RewriteConfiguredButOff_PlainChannelsAndNoRequestToTheModel()
    {
        var chat = new ConcurrentQueue<string>();
        var hooks = new ConcurrentQueue<byte[]>();
        using var model = new LoopbackHttpServer(context => Answer(context, chat, """{"choices":[{"message":{"content":"rewritten"}}]}"""));
        using var hook = new LoopbackHttpServer(context => Record(context, hooks));
        using var http = new HttpClient();
        var notify = new NotifyOptions { Webhooks = [new WebhookSettings { Url = hook.Url("hook").ToString() }] };
        notify.Summary.Rewrite.Url = model.Url("v1").ToString();
        notify.Summary.Rewrite.Model = "llama3.1:8b";

        var channel = Assert.Single(NotifierFactory.CreateChannels(notify, http, NullLoggerFactory.Instance));
        await channel.SendAsync(Notice(), CancellationToken.None);

        Assert.IsType<WebhookChannel>(channel);
        var root = JsonDocument.Parse(Assert.Single(hooks)).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("summary_rewritten_by").ValueKind);
        Assert.Equal(root.GetProperty("summary_template").GetString(), root.GetProperty("summary").GetString());
        Assert.Empty(chat);
    }

    [Fact]
    public async Task CreateChannels_RewriteOn_EveryChannelSharesOneRewriterUsingTheKeyFile()
    {
        using var temp = new TempDirectory();
        var keyFile = temp.File("llm.key");
        File.WriteAllText(keyFile, "sk-file-key\n");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var chat = new ConcurrentQueue<string>();
        var hooks = new ConcurrentQueue<byte[]>();
        using var model = new LoopbackHttpServer(context => Answer(context, chat, """{"choices":[{"message":{"role":"assistant","content":"In short: blocked."}}]}"""));
        using var hook = new LoopbackHttpServer(context => Record(context, hooks));
        using var http = new HttpClient();
        var notify = new NotifyOptions { Webhooks = [new WebhookSettings { Url = hook.Url("a").ToString() }, new WebhookSettings { Url = hook.Url("b").ToString() }] };
        notify.Summary.Rewrite = new SummaryRewriteSettings { Enabled = true, Url = model.Url("v1").ToString(), Model = "llama3.1:8b", ApiKeyFile = keyFile };

        var channels = NotifierFactory.CreateChannels(notify, http, NullLoggerFactory.Instance);
        await channels[0].SendAsync(Notice(), CancellationToken.None);

        Assert.Equal(["webhook1", "webhook2"], channels.Select(c => c.Name));
        var wrapped = channels.Cast<SummaryRewritingChannel>().ToArray();
        Assert.Same(wrapped[0].Rewriter, wrapped[1].Rewriter);
        Assert.Equal("POST /v1/chat/completions Bearer sk-file-key", Assert.Single(chat));
        var root = JsonDocument.Parse(Assert.Single(hooks)).RootElement;
        Assert.Equal("In short: blocked.", root.GetProperty("summary").GetString());
        Assert.Equal("llama3.1:8b", root.GetProperty("summary_rewritten_by").GetString());
    }

    [Fact]
    public void CreateRewriter_KeyFileGoneSinceValidation_OffInsteadOfFailing()
    {
        using var http = new HttpClient();
        var settings = new SummaryRewriteSettings { Enabled = true, Url = "http://127.0.0.1:11434/v1", Model = "m", ApiKeyFile = "/nonexistent/llm.key" };

        Assert.Null(NotifierFactory.CreateRewriter(settings, http, NullLoggerFactory.Instance));
    }

    private static Dictionary<string, string> LoadNotify(string notifyJson)
    {
        using var temp = new TempDirectory();
        var path = temp.File("rustids.json");
        File.WriteAllText(path, $$"""{ "Notify": {{notifyJson}} }""");
        return ConfigLoader.Load(path, new Dictionary<string, string?>()).Problems
            .Where(p => p.Key.StartsWith("Notify", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Message);
    }

    private static BlockNotice Notice() => new()
    {
        Address = RustIds.Packets.IpAddr.Parse("203.0.113.7"),
        Country = "NL",
        Score = 85,
        BlockThreshold = 70,
        Reasons = [new RustIds.Reputation.VerdictReason("rule", "1:1000001:3 \"SQL injection\" priority 1", 60)],
        Rules = [new RuleHit(1, 1000001, 3, "LOCAL SQL injection", 2, 1)],
        Action = "blocked",
        Duration = TimeSpan.FromHours(1),
        ExpiresAt = new DateTimeOffset(2026, 12, 4, 14, 11, 50, TimeSpan.Zero),
        DecidedAt = new DateTimeOffset(2026, 12, 4, 13, 11, 50, TimeSpan.Zero),
        UnblockCommand = "rustids block remove 203.0.113.7",
        Hostname = "gw1",
    };

    /// <summary>Records "METHOD PATH AUTHORIZATION" and answers like a chat-completions API.</summary>
    private static async Task Answer(HttpListenerContext context, ConcurrentQueue<string> requests, string completion)
    {
        requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["Authorization"]}");
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(completion));
    }

    private static async Task Record(HttpListenerContext context, ConcurrentQueue<byte[]> bodies)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        bodies.Enqueue(body.ToArray());
        await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
    }
}
