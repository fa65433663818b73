using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Notify;

namespace RustIds.Engine.Composition;

/// <summary>Builds the notification channels the configuration enables.</summary>
public static class NotifierFactory
{
    public static NotificationDispatcher CreateDispatcher(NotifyOptions options, HttpClient http, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var channels = new List<INotificationChannel>();
        if (options.Email.Enabled)
            channels.Add(new EmailChannel(ToEmailOptions(options.Email), loggers.CreateLogger<EmailChannel>()));
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            channels.Add(new WebhookChannel(ToWebhookOptions(options.Webhooks[i], i, options.Webhooks.Count), http, loggers.CreateLogger<WebhookChannel>()));
        }
        return new NotificationDispatcher(channels, loggers.CreateLogger<NotificationDispatcher>());
    }

    /// <summary>The channel's options for webhook <paramref name="index"/>; the URL must already be absolute.</summary>
    internal static WebhookOptions ToWebhookOptions(WebhookSettings hook, int index, int count) => new()
    {
        Name = count == 1 ? "webhook" : $"webhook{index + 1}",
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
}
