using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Notify;

namespace RustIds.Engine.Composition;

/// <summary>Builds the notification channels the configuration enables, their policies and the outbox that feeds them.</summary>
public static partial class NotifierFactory
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The enabled channels, in configuration order: <c>email</c>, then <c>webhook</c> (or <c>webhook1</c>, <c>webhook2</c>, … when there are several).
    /// With <c>Notify:Summary:Rewrite</c> on, each is a <see cref="SummaryRewritingChannel"/> and all share one rewriter.
    /// </summary>
    public static IReadOnlyList<INotificationChannel> CreateChannels(NotifyOptions options, HttpClient http, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var channels = new List<INotificationChannel>();
        if (options.Email.Enabled)
            channels.Add(new EmailChannel(ToEmailOptions(options.Email), loggers.CreateLogger<EmailChannel>()));
        for (var i = 0; i < options.Webhooks.Count; i++)
            channels.Add(new WebhookChannel(ToWebhookOptions(options.Webhooks[i], i, options.Webhooks.Count), http, loggers.CreateLogger<WebhookChannel>()));
        var rewriter = channels.Count == 0 ? null : CreateRewriter(options.Summary.Rewrite, http, loggers);
        return rewriter is null ? channels : [.. channels.Select(c => new SummaryRewritingChannel(c, rewriter))];
    }

    /// <summary>
    /// The summary rewriter <paramref name="settings"/> ask for; null when it is off, or when its key file cannot be read
    /// now (logged: the notices then carry the template summary, as without a rewriter).
    /// </summary>
    /// <exception cref="ArgumentException">The settings are invalid (<see cref="ConfigValidator"/> reports them first).</exception>
    public static ChatCompletionsRewriter? CreateRewriter(SummaryRewriteSettings settings, HttpClient http, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!settings.Enabled)
            return null;
        if (!TryReadApiKey(settings, out var key, out var problem))
        {
            LogRewriteOff(loggers.CreateLogger(typeof(NotifierFactory).FullName!), problem!);
            return null;
        }
        return new ChatCompletionsRewriter(ToSummaryRewriteOptions(settings, key), http, loggers.CreateLogger<ChatCompletionsRewriter>());
    }

    /// <summary>The rewriter's options; <paramref name="apiKey"/> from <see cref="TryReadApiKey"/>.</summary>
    internal static SummaryRewriteOptions ToSummaryRewriteOptions(SummaryRewriteSettings settings, string? apiKey) => new()
    {
        BaseUrl = Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) ? url : null,
        Model = settings.Model ?? "",
        ApiKey = apiKey,
        Timeout = settings.Timeout,
    };

    /// <summary>
    /// The bearer key: <see cref="SummaryRewriteSettings.ApiKey"/>, or the trimmed content of
    /// <see cref="SummaryRewriteSettings.ApiKeyFile"/>, or null when neither is set. False with the reason when the file is
    /// missing, open to other users, unreadable by this user or empty.
    /// </summary>
    internal static bool TryReadApiKey(SummaryRewriteSettings settings, out string? key, out string? problem)
    {
        key = settings.ApiKey;
        problem = null;
        if (string.IsNullOrEmpty(settings.ApiKeyFile))
            return true;
        var path = settings.ApiKeyFile;
        if (!File.Exists(path))
        {
            problem = $"'{path}' does not exist";
            return false;
        }
        // rustids runs on Linux only; the guard is for the platform analyzer.
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            problem = $"'{path}' can be read or written by others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}): chmod 600 {path}";
            return false;
        }
        try
        {
            key = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            problem = $"'{path}' cannot be read by this user ({ex.Message}): chown it to the user rustids runs as, mode 600";
            return false;
        }
        if (key.Length == 0)
        {
            problem = $"'{path}' is empty: put the API key in it";
            key = null;
            return false;
        }
        return true;
    }

    /// <summary>One dispatcher over every enabled channel, for a single attempt each (<c>rustids notify test</c>).</summary>
    public static NotificationDispatcher CreateDispatcher(NotifyOptions options, HttpClient http, ILoggerFactory loggers) =>
        new(CreateChannels(options, http, loggers), loggers.CreateLogger<NotificationDispatcher>());

    /// <summary>Each enabled channel's name with its delivery policy, named as <see cref="CreateChannels"/> names them.</summary>
    public static Dictionary<string, DeliveryPolicy> CreatePolicies(NotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policies = new Dictionary<string, DeliveryPolicy>(StringComparer.Ordinal);
        if (options.Email.Enabled)
            policies["email"] = ToDeliveryPolicy(options.Email.Policy);
        for (var i = 0; i < options.Webhooks.Count; i++)
            policies[WebhookName(i, options.Webhooks.Count)] = ToDeliveryPolicy(options.Webhooks[i].Policy);
        return policies;
    }

    /// <summary>Opens the outbox in the shared database and starts one delivery worker per enabled channel.</summary>
    public static (NotificationOutbox Outbox, OutboxDelivery Delivery) OpenOutbox(
        NotifyOptions options, string databasePath, string hostname, HttpClient http, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var outbox = new NotificationOutbox(databasePath, CreatePolicies(options), hostname, time, loggers.CreateLogger<NotificationOutbox>());
        try
        {
            var delivery = new OutboxDelivery(outbox, CreateChannels(options, http, loggers), ToOutboxOptions(options.Outbox), loggers.CreateLogger<OutboxDelivery>());
            return (outbox, delivery);
        }
        catch
        {
            outbox.Dispose();
            throw;
        }
    }

    internal static string WebhookName(int index, int count) => count == 1 ? "webhook" : $"webhook{index + 1}";

    /// <summary>The channel's options for webhook <paramref name="index"/>; the URL must already be absolute.</summary>
    internal static WebhookOptions ToWebhookOptions(WebhookSettings hook, int index, int count) => new()
    {
        Name = WebhookName(index, count),
        Url = new Uri(hook.Url),
        Timeout = hook.Timeout,
        Secret = hook.Secret,
        Format = string.Equals(hook.Format, "slack", StringComparison.OrdinalIgnoreCase) ? WebhookFormat.Slack : WebhookFormat.Generic,
    };

    internal static EmailOptions ToEmailOptions(EmailSettings settings)
    {
        var options = new EmailOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            UseStartTls = settings.UseStartTls,
            UserName = settings.UserName,
            Password = settings.Password,
            From = settings.From,
            Timeout = settings.Timeout,
        };
        foreach (var to in settings.To)
            options.To.Add(to);
        foreach (var cc in settings.Cc)
            options.Cc.Add(cc);
        return options;
    }

    /// <summary>The policy; unknown names fall back to the defaults (the validator has already named them).</summary>
    internal static DeliveryPolicy ToDeliveryPolicy(NotifyPolicySettings settings) => new()
    {
        ImmediateSeverity = NoticeSeverities.TryParse(settings.ImmediateSeverity, out var severity) ? severity : NoticeSeverity.Info,
        Digest = string.Equals(settings.Digest, "daily", StringComparison.OrdinalIgnoreCase) ? DigestSchedule.Daily : DigestSchedule.Hourly,
        DailyDigestTime = settings.DailyDigestTime,
        DedupWindow = settings.DedupWindow,
        MaxPerHour = settings.MaxPerHour,
    };

    internal static OutboxOptions ToOutboxOptions(OutboxSettings settings) => new()
    {
        RetriesPerRound = settings.RetriesPerRound,
        RetryDelay = settings.RetryDelay,
        RetryMaxDelay = settings.RetryMaxDelay,
        RequeueDelay = settings.RequeueDelay,
        RequeueMaxDelay = settings.RequeueMaxDelay,
        MaxRounds = settings.MaxRounds,
        StopTimeout = settings.StopTimeout,
        KeepDelivered = settings.KeepDelivered,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notify:Summary:Rewrite is off for this run, notices carry the template summary: the API key file {Problem}")]
    private static partial void LogRewriteOff(ILogger logger, string problem);
}
