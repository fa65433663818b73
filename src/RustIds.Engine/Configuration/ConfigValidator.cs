using RustIds.Engine.Composition;

namespace RustIds.Engine.Configuration;

/// <summary>Checks every setting and lists all problems at once, like a compiler.</summary>
public static class ConfigValidator
{
    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public static IReadOnlyList<ConfigProblem> Validate(RustIdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
                problems.Add(new ConfigProblem(key, message));
        }

        Check(options.Capture.SnapLength is >= 64 and <= 262144, "Capture:SnapLength", "must be between 64 and 262144 bytes");
        Check(options.Capture.BufferSizeMiB is >= 1 and <= 4096, "Capture:BufferSizeMiB", "must be between 1 and 4096");
        Check(options.Capture.ReadTimeoutMs is >= 1 and <= 10_000, "Capture:ReadTimeoutMs", "must be between 1 and 10000 milliseconds");
        Check(options.Capture.Workers is >= 1 and <= 64, "Capture:Workers", "must be between 1 and 64");
        Check(options.Capture.AlertQueueCapacity is >= 16 and <= 10_000_000, "Capture:AlertQueueCapacity", "must be between 16 and 10000000");

        var packets = options.Packets;
        Check(packets.MaxFlows is >= 1024 and <= 16_777_216, "Packets:MaxFlows", "must be between 1024 and 16777216");
        Check(packets.DefragMemcapMiB is >= 1 and <= 16_384, "Packets:DefragMemcapMiB", "must be between 1 and 16384");
        Check(packets.StreamDepthKiB is >= 1 and <= 1_048_576, "Packets:StreamDepthKiB", "must be between 1 and 1048576 (1 GiB)");
        Check(packets.StreamMemcapMiB is >= 1 and <= 16_384, "Packets:StreamMemcapMiB", "must be between 1 and 16384");

        Check(options.Rules.StreamWindowBytes is >= 0 and <= 65_536, "Rules:StreamWindowBytes", "must be between 0 and 65536");
        Check(options.Rules.StreamWindowMemcapMiB is >= 1 and <= 16_384, "Rules:StreamWindowMemcapMiB", "must be between 1 and 16384");

        foreach (var (key, message) in options.Detectors.Validate())
            problems.Add(new ConfigProblem("Detectors:" + key, message));

        var reputation = options.Reputation;
        Check(reputation.BlockThreshold is >= 1 and <= 100, "Reputation:BlockThreshold", "must be between 1 and 100");
        Check(reputation.AlertThreshold >= 0 && reputation.AlertThreshold <= reputation.BlockThreshold,
            "Reputation:AlertThreshold", "must be between 0 and Reputation:BlockThreshold");
        Check(reputation.BaseBlockDuration >= TimeSpan.FromSeconds(1), "Reputation:BaseBlockDuration", "must be at least 00:00:01");
        Check(reputation.MaxBlockDuration >= reputation.BaseBlockDuration, "Reputation:MaxBlockDuration", "must be at least Reputation:BaseBlockDuration");
        Check(reputation.AlertWindow > TimeSpan.Zero, "Reputation:AlertWindow", "must be positive");
        foreach (var code in reputation.CountryWeights.Keys)
            Check(code.Length == 2 && code.All(char.IsAsciiLetterUpper), $"Reputation:CountryWeights:{code}", "must be a two-letter upper-case ISO 3166 code");
        foreach (var (key, codes) in new[] { ("DenyCountries", reputation.DenyCountries), ("AllowCountries", reputation.AllowCountries) })
        {
            for (var i = 0; i < codes.Count; i++)
                Check(codes[i].Length == 2 && codes[i].All(char.IsAsciiLetterUpper), $"Reputation:{key}:{i}", $"'{codes[i]}' is not a two-letter upper-case ISO 3166 code");
        }
        foreach (var key in reputation.AsnWeights.Keys)
            Check(ScoringOptionsFactory.TryParseAsn(key, out _), $"Reputation:AsnWeights:{key}", "must be an AS number such as AS64496 or 64496");
        Check(reputation.HistoryHalfLife >= TimeSpan.FromMinutes(1), "Reputation:HistoryHalfLife", "must be at least 00:01:00");
        Check(reputation.RecidivismWindow >= TimeSpan.FromMinutes(1), "Reputation:RecidivismWindow", "must be at least 00:01:00");
        Check(reputation.HistoryRetention >= reputation.RecidivismWindow, "Reputation:HistoryRetention",
            "must be at least Reputation:RecidivismWindow, or repeat offenders are forgotten before their window ends");
        for (var i = 0; i < reputation.BlockDurationLadder.Count; i++)
        {
            var step = reputation.BlockDurationLadder[i];
            Check(step >= TimeSpan.FromSeconds(1) && step <= reputation.MaxBlockDuration, $"Reputation:BlockDurationLadder:{i}",
                "must be between 00:00:01 and Reputation:MaxBlockDuration");
            Check(i == 0 || step >= reputation.BlockDurationLadder[i - 1], $"Reputation:BlockDurationLadder:{i}",
                "must not be shorter than the step before: a repeat offence must not shorten the block");
        }
        problems.AddRange(FeedCatalog.Load(reputation, protectedSet: null).Problems);

        var firewall = options.Firewall;
        Check(FirewallBackendNames.All.Contains(firewall.Backend), "Firewall:Backend",
            $"'{firewall.Backend}' is not one of {string.Join(", ", FirewallBackendNames.All)}");
        for (var i = 0; i < firewall.Allowlist.Count; i++)
            Check(Reputation.Addresses.Cidr.TryParse(firewall.Allowlist[i].AsSpan().Trim(), out _), $"Firewall:Allowlist:{i}", $"'{firewall.Allowlist[i]}' is not an address or CIDR");
        Check(firewall.MaxActiveBlocks is >= 1 and <= 1_000_000, "Firewall:MaxActiveBlocks", "must be between 1 and 1000000");
        Check(firewall.ChainPriority is >= -400 and <= 400, "Firewall:ChainPriority", "must be between -400 and 400");
        Check(firewall.ExpirySweepInterval >= TimeSpan.FromMilliseconds(100), "Firewall:ExpirySweepInterval", "must be at least 00:00:00.1");
        Check(firewall.ReconcileInterval >= TimeSpan.FromSeconds(1), "Firewall:ReconcileInterval", "must be at least 00:00:01");
        Check(firewall.RateLimitPacketsPerSecond is >= 1 and <= 1_000_000, "Firewall:RateLimitPacketsPerSecond", "must be between 1 and 1000000");
        Check(firewall.RateLimitBurst is >= 1 and <= 1_000_000, "Firewall:RateLimitBurst", "must be between 1 and 1000000");
        Check(firewall.Ipv4AggregateThreshold >= 0, "Firewall:Ipv4AggregateThreshold", "must not be negative (0 = off)");
        Check(firewall.Ipv6AggregateThreshold >= 0, "Firewall:Ipv6AggregateThreshold", "must not be negative (0 = off)");
        Check(firewall.Ipv4AggregatePrefixLength is >= 8 and <= 31, "Firewall:Ipv4AggregatePrefixLength", "must be between 8 and 31");
        Check(firewall.Ipv6AggregatePrefixLength is >= 16 and <= 127, "Firewall:Ipv6AggregatePrefixLength", "must be between 16 and 127");
        Check(firewall.CommandTimeout >= TimeSpan.FromSeconds(1) && firewall.CommandTimeout <= TimeSpan.FromHours(1), "Firewall:CommandTimeout", "must be between 00:00:01 and 01:00:00");
        Check(firewall.MaxBatchSize is >= 1 and <= 100_000, "Firewall:MaxBatchSize", "must be between 1 and 100000");
        Check(reputation.RateLimitThreshold is null || (reputation.RateLimitThreshold >= reputation.AlertThreshold && reputation.RateLimitThreshold <= reputation.BlockThreshold),
            "Reputation:RateLimitThreshold", "must lie between Reputation:AlertThreshold and Reputation:BlockThreshold");

        var email = options.Notify.Email;
        if (email.Enabled)
        {
            Check(!string.IsNullOrWhiteSpace(email.Host), "Notify:Email:Host", "is required when email is enabled");
            Check(email.Port is >= 1 and <= 65535, "Notify:Email:Port", "must be between 1 and 65535");
            Check(email.To.Count > 0, "Notify:Email:To", "needs at least one recipient when email is enabled");
            Check(email.From.Contains('@'), "Notify:Email:From", "must be an email address");
            Check(!(email.Port == 465 && email.UseStartTls), "Notify:Email:Port",
                "465 is implicit TLS (SMTPS), which System.Net.Mail cannot speak; use 587 with UseStartTls (STARTTLS)");
            Check(email.UserName is null || email.UseStartTls || IsLoopback(email.Host), "Notify:Email:UseStartTls",
                "must be true when UserName is set and the server is not on loopback: AUTH would send the password in clear text");
            CheckPolicy(email.Policy, "Notify:Email:Policy");
        }
        for (var i = 0; i < options.Notify.Webhooks.Count; i++)
        {
            var hook = options.Notify.Webhooks[i];
            Check(Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                $"Notify:Webhooks:{i}:Url", $"'{hook.Url}' is not an http(s) URL");
            Check(hook.Format is "generic" or "slack", $"Notify:Webhooks:{i}:Format", "must be 'generic' or 'slack'");
            Check(hook.Timeout > TimeSpan.Zero && hook.Timeout <= TimeSpan.FromMinutes(5), $"Notify:Webhooks:{i}:Timeout", "must be between 00:00:00.001 and 00:05:00");
            CheckPolicy(hook.Policy, $"Notify:Webhooks:{i}:Policy");
        }
        var outbox = options.Notify.Outbox;
        Check(outbox.RetriesPerRound is >= 0 and <= 10, "Notify:Outbox:RetriesPerRound", "must be between 0 and 10");
        Check(outbox.RetryDelay > TimeSpan.Zero, "Notify:Outbox:RetryDelay", "must be positive");
        Check(outbox.RetryMaxDelay >= outbox.RetryDelay, "Notify:Outbox:RetryMaxDelay", "must be at least Notify:Outbox:RetryDelay");
        Check(outbox.RequeueDelay > TimeSpan.Zero, "Notify:Outbox:RequeueDelay", "must be positive");
        Check(outbox.RequeueMaxDelay >= outbox.RequeueDelay, "Notify:Outbox:RequeueMaxDelay", "must be at least Notify:Outbox:RequeueDelay");
        Check(outbox.MaxRounds is >= 1 and <= 10_000, "Notify:Outbox:MaxRounds", "must be between 1 and 10000");
        Check(outbox.StopTimeout >= TimeSpan.Zero && outbox.StopTimeout <= TimeSpan.FromMinutes(5), "Notify:Outbox:StopTimeout", "must be between 00:00:00 and 00:05:00");
        Check(outbox.KeepDelivered >= TimeSpan.FromHours(1), "Notify:Outbox:KeepDelivered",
            "must be at least 01:00:00 (deduplication and the hourly cap read the last hour of delivered rows)");

        var rewrite = options.Notify.Summary.Rewrite;
        if (rewrite.Enabled)
        {
            const string Section = "Notify:Summary:Rewrite";
            if (string.IsNullOrWhiteSpace(rewrite.Url))
            {
                problems.Add(new ConfigProblem(Section + ":Url", "is required when the rewrite is enabled: the API's base URL, e.g. http://127.0.0.1:11434/v1"));
            }
            else if (!Uri.TryCreate(rewrite.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add(new ConfigProblem(Section + ":Url", $"'{rewrite.Url}' is not an http(s) URL"));
            }
            else
            {
                Check(!url.AbsolutePath.TrimEnd('/').EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase), Section + ":Url",
                    $"'{rewrite.Url}' must be the API's base URL without /chat/completions, which rustids appends (e.g. http://127.0.0.1:11434/v1)");
                Check(url.Query.Length == 0 && url.Fragment.Length == 0, Section + ":Url", $"'{rewrite.Url}' must have no query or fragment");
                Check(url.Scheme == Uri.UriSchemeHttps || url.IsLoopback || (rewrite.ApiKey is null && string.IsNullOrEmpty(rewrite.ApiKeyFile)), Section + ":Url",
                    "must be https when an API key is set and the server is not on loopback: the key would cross the network in clear text");
            }
            Check(!string.IsNullOrWhiteSpace(rewrite.Model), Section + ":Model", "is required when the rewrite is enabled: the model name the API knows, e.g. llama3.1:8b");
            Check(rewrite.ApiKey is not { Length: 0 }, Section + ":ApiKey", "is empty; remove it or set the key");
            if (rewrite.ApiKey is not null && !string.IsNullOrEmpty(rewrite.ApiKeyFile))
                problems.Add(new ConfigProblem(Section + ":ApiKeyFile", "set either ApiKey or ApiKeyFile, not both"));
            else if (!NotifierFactory.TryReadApiKey(rewrite, out _, out var keyProblem))
                problems.Add(new ConfigProblem(Section + ":ApiKeyFile", keyProblem!));
            Check(rewrite.Timeout > TimeSpan.Zero && rewrite.Timeout <= Notify.SummaryRewriteOptions.MaxTimeout, Section + ":Timeout",
                "must be between 00:00:00.001 and 00:05:00");
        }

        void CheckPolicy(NotifyPolicySettings policy, string section)
        {
            Check(Notify.NoticeSeverities.TryParse(policy.ImmediateSeverity, out _), section + ":ImmediateSeverity",
                $"'{policy.ImmediateSeverity}' is not one of {string.Join(", ", Notify.NoticeSeverities.Names)}");
            Check(policy.Digest is "hourly" or "daily", section + ":Digest", $"'{policy.Digest}' must be 'hourly' or 'daily'");
            Check(policy.DailyDigestTime >= TimeSpan.Zero && policy.DailyDigestTime < TimeSpan.FromDays(1), section + ":DailyDigestTime",
                "must be a time of day between 00:00:00 and 23:59:59 (UTC)");
            Check(policy.DedupWindow >= TimeSpan.Zero && policy.DedupWindow <= TimeSpan.FromDays(1), section + ":DedupWindow",
                "must be between 00:00:00 (off) and 1.00:00:00");
            Check(policy.MaxPerHour is >= 0 and <= 100_000, section + ":MaxPerHour", "must be between 0 (no cap) and 100000");
        }

        Check(!string.IsNullOrWhiteSpace(options.Eve.Path), "Eve:Path", "is required");
        Check(options.Eve.RotateSizeMiB is null or (>= 1 and <= 1_048_576), "Eve:RotateSizeMiB", "must be between 1 and 1048576 (or null: no size limit)");
        Check(options.Eve.RotateInterval is null || options.Eve.RotateInterval >= TimeSpan.FromMinutes(1), "Eve:RotateInterval", "must be at least 00:01:00 (or null: no time limit)");
        Check(options.Eve.StatsInterval is null || options.Eve.StatsInterval >= TimeSpan.FromSeconds(1), "Eve:StatsInterval", "must be at least 00:00:01 (or null: no stats events)");
        Check(options.Eve.RotateKeep is >= 1 and <= 10_000, "Eve:RotateKeep", "must be between 1 and 10000");
        Check(string.IsNullOrWhiteSpace(options.Metrics.Listen) || MetricsOptions.TryParse(options.Metrics.Listen, out _), "Metrics:Listen",
            "must be ADDRESS:PORT, e.g. 127.0.0.1:9911 or [::1]:9911 (an IP address, not a name), or null to turn /metrics off");
        Check(string.IsNullOrWhiteSpace(options.Api.Listen) || MetricsOptions.TryParse(options.Api.Listen, out _), "Api:Listen",
            "must be ADDRESS:PORT, e.g. 127.0.0.1:9912 (an IP address, not a name), or null to turn the API and dashboard off");
        Check(!string.IsNullOrWhiteSpace(options.Api.TokenFile), "Api:TokenFile", "is required (a file holding the bearer token, mode 0600)");
        Check(options.Eve.Events.QueueCapacity is >= 16 and <= 10_000_000, "Eve:Events:QueueCapacity", "must be between 16 and 10000000");
        Check(!string.IsNullOrWhiteSpace(options.Storage.DatabasePath), "Storage:DatabasePath", "is required");
        Check(LogLevels.Contains(options.Logging.Level, StringComparer.OrdinalIgnoreCase), "Logging:Level",
            "must be one of Verbose, Debug, Information, Warning, Error, Fatal");
        Check(options.Logging.FileSizeLimitMiB is >= 1 and <= 102_400, "Logging:FileSizeLimitMiB", "must be between 1 and 102400");
        foreach (var (source, sourceLevel) in options.Logging.Overrides)
            Check(LogLevels.Contains(sourceLevel, StringComparer.OrdinalIgnoreCase), $"Logging:Overrides:{source}", "must be one of Verbose, Debug, Information, Warning, Error, Fatal");

        // The components validate their own options as well. The keyed checks above name the exact key;
        // this backstop catches whatever they missed, so no invalid value reaches a constructor that throws.
        AddComponentProblems(problems, "Reputation", ScoringOptionsFactory.Create(reputation).Validate());
        if (!problems.Any(p => p.Key.StartsWith("Packets", StringComparison.Ordinal)))
        {
            var packetPath = PacketProcessorOptionsFactory.Create(packets);
            AddComponentProblems(problems, "Packets", [.. packetPath.Defrag.Validate(), .. packetPath.Reassembly.Validate()]);
        }
        if (email.Enabled)
            AddComponentProblems(problems, "Notify:Email", NotifierFactory.ToEmailOptions(email).Validate());
        for (var i = 0; i < options.Notify.Webhooks.Count; i++)
        {
            var section = $"Notify:Webhooks:{i}";
            if (!problems.Any(p => p.Key.StartsWith(section, StringComparison.Ordinal)))
                AddComponentProblems(problems, section, NotifierFactory.ToWebhookOptions(options.Notify.Webhooks[i], i, options.Notify.Webhooks.Count).Validate());
        }
        if (rewrite.Enabled)
            AddComponentProblems(problems, "Notify:Summary:Rewrite", NotifierFactory.ToSummaryRewriteOptions(rewrite, rewrite.ApiKey).Validate());
        return problems;
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));

    private static void AddComponentProblems(List<ConfigProblem> problems, string section, IReadOnlyList<string> componentProblems)
    {
        if (problems.Any(p => p.Key.StartsWith(section, StringComparison.Ordinal)))
            return;
        foreach (var message in componentProblems)
            problems.Add(new ConfigProblem(section, message));
    }

    /// <summary>
    /// Checks that the files the configuration names exist. Separate from <see cref="Validate"/> because
    /// commands such as <c>rules check</c> read only part of the configuration.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> ValidateFiles(RustIdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        if (options.Rules.Files.Count == 0)
            problems.Add(new ConfigProblem("Rules:Files", "no rule files configured (or give --rules)"));
        for (var i = 0; i < options.Rules.Files.Count; i++)
        {
            if (!File.Exists(options.Rules.Files[i]))
                problems.Add(new ConfigProblem($"Rules:Files:{i}", $"'{options.Rules.Files[i]}' does not exist"));
        }
        if (options.Rules.ClassificationFile is { Length: > 0 } classification && !File.Exists(classification))
            problems.Add(new ConfigProblem("Rules:ClassificationFile", $"'{classification}' does not exist"));
        foreach (var (key, path) in new[] { ("ThresholdFile", options.Rules.ThresholdFile), ("EnableConf", options.Rules.EnableConf), ("DisableConf", options.Rules.DisableConf), ("ModifyConf", options.Rules.ModifyConf), ("DropConf", options.Rules.DropConf) })
        {
            if (path is { Length: > 0 } && !File.Exists(path))
                problems.Add(new ConfigProblem($"Rules:{key}", $"'{path}' does not exist"));
        }
        for (var i = 0; i < options.Reputation.Blocklists.Count; i++)
        {
            if (!File.Exists(options.Reputation.Blocklists[i]))
                problems.Add(new ConfigProblem($"Reputation:Blocklists:{i}", $"'{options.Reputation.Blocklists[i]}' does not exist"));
        }
        if (options.Reputation.FeedCatalog is { Length: > 0 } catalog && !File.Exists(catalog) && catalog != new ReputationOptions().FeedCatalog)
            problems.Add(new ConfigProblem("Reputation:FeedCatalog", $"'{catalog}' does not exist"));
        return problems;
    }
}
