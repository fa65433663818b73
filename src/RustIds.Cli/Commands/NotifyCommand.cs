using System.CommandLine;
using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Notify;
using RustIds.Packets;
using RustIds.Reputation;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids notify test</c>: send one test message through each channel and print what the server answered.</summary>
internal static class NotifyCommand
{
    public static Command Create() => new("notify", "Check the notification channels (email, webhooks).") { CreateTest() };

    private static Command CreateTest()
    {
        var config = CommonOptions.Config();
        var email = new Option<bool>("--email") { Description = "Test the email channel only (with --webhook: both)." };
        var webhook = new Option<bool>("--webhook") { Description = "Test the webhooks only (with --email: both)." };
        var smtp = new Option<string?>("--smtp") { Description = "Send the test email through this server instead of Notify:Email (enables email for this test).", HelpName = "HOST:PORT" };
        var to = new Option<string[]>("--to") { Description = "Recipient(s) of the test email instead of Notify:Email:To.", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = true };
        var url = new Option<string?>("--webhook-url") { Description = "POST the test to this URL instead of Notify:Webhooks (keeps the first one's format and secret).", HelpName = "URL" };
        var test = new Command("test", """
            Send one test message through each configured channel (or only --email, only --webhook), once, with no retry and no outbox, and print
            what each server answered: the SMTP greeting and EHLO reply, then the outcome of the send; the HTTP
            status and the start of the body. The message is about 192.0.2.1 (a documentation address) and says
            it is a test; nothing is blocked. Exit code 0 when every channel accepted it, 3 when one failed, 1
            when there is nothing to test or an option is wrong.
            Examples:
              rustids notify test
              rustids notify test --email --smtp 127.0.0.1:2525 --to soc@example.org
              rustids notify test --webhook-url https://hooks.example.org/rustids
            """)
        { config, email, webhook, smtp, to, url };
        test.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var notify = options.Notify;
            var wantEmail = parse.GetValue(email);
            var wantWebhook = parse.GetValue(webhook);
            if (!wantEmail && !wantWebhook)
                (wantEmail, wantWebhook) = (true, true);
            if (!ApplyOverrides(notify, parse.GetValue(smtp), parse.GetValue(to), parse.GetValue(url)))
                return ExitCodes.InputErrors;
            notify.Email.Enabled &= wantEmail;
            if (!wantWebhook)
                notify.Webhooks.Clear();
            var problems = ConfigValidator.Validate(options).Where(p => p.Key.StartsWith("Notify", StringComparison.Ordinal)).ToList();
            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"rustids: {problems.Count} problem(s) with the channels to test:");
                foreach (var problem in problems)
                    Console.Error.WriteLine($"  {problem}");
                return ExitCodes.InputErrors;
            }
            if (!notify.Email.Enabled && notify.Webhooks.Count == 0)
            {
                Console.Error.WriteLine("rustids: no channel to test: enable Notify:Email or add Notify:Webhooks, or give --smtp HOST:PORT --to ADDRESS or --webhook-url URL");
                return ExitCodes.InputErrors;
            }

            var failed = false;
            if (notify.Email.Enabled)
                failed |= !await PrintGreetingAsync(notify.Email, cancellation);
            using var http = new HttpClient();
            var dispatcher = NotifierFactory.CreateDispatcher(notify, http, NullLoggerFactory.Instance);
            var results = await dispatcher.DispatchAsync(TestNotice(), cancellation);
            foreach (var result in results)
            {
                var ms = result.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                if (result.Succeeded)
                {
                    Console.WriteLine($"{result.Channel} ({Describe(notify, result.Channel)}): ok in {ms} ms: {result.Answer}");
                }
                else
                {
                    failed = true;
                    Console.WriteLine($"{result.Channel} ({Describe(notify, result.Channel)}): FAILED in {ms} ms ({(result.IsTransient ? "transient, the daemon would retry" : "permanent, the daemon would not retry")}): {result.Error}");
                }
            }
            return failed ? ExitCodes.EnvironmentFailure : ExitCodes.Ok;
        });
        return test;
    }

    private static bool ApplyOverrides(NotifyOptions notify, string? smtp, string[]? to, string? url)
    {
        if (smtp is not null)
        {
            var colon = smtp.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(smtp.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                Console.Error.WriteLine($"rustids: --smtp '{smtp}' is not HOST:PORT (example: 127.0.0.1:2525)");
                return false;
            }
            notify.Email.Enabled = true;
            notify.Email.Host = smtp[..colon].Trim('[', ']');
            notify.Email.Port = port;
        }
        if (to is { Length: > 0 })
        {
            foreach (var address in to.Where(a => !MailAddress.TryCreate(a, out _)))
            {
                Console.Error.WriteLine($"rustids: --to '{address}' is not an email address");
                return false;
            }
            notify.Email.Enabled = true;
            notify.Email.To = [.. to];
            notify.Email.Cc = [];
        }
        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Console.Error.WriteLine($"rustids: --webhook-url '{url}' is not an http(s) URL");
                return false;
            }
            // Keep the configured format and secret of the first webhook, so a signature check on the receiver can be tested too.
            var first = notify.Webhooks.FirstOrDefault();
            notify.Webhooks = [new WebhookSettings { Url = url, Format = first?.Format ?? "generic", Secret = first?.Secret, Timeout = first?.Timeout ?? TimeSpan.FromSeconds(10) }];
        }
        return true;
    }

    private static async Task<bool> PrintGreetingAsync(EmailSettings email, CancellationToken cancellation)
    {
        try
        {
            var lines = await SmtpProbe.GreetAsync(email.Host, email.Port, email.Timeout, cancellation);
            Console.WriteLine($"email: SMTP {email.Host}:{email.Port} says:");
            foreach (var line in lines)
                Console.WriteLine("  " + line);
            return true;
        }
        catch (NotificationException ex)
        {
            Console.WriteLine($"email: {ex.Message}");
            return false;
        }
    }

    private static string Describe(NotifyOptions notify, string channel)
    {
        if (channel == "email")
            return $"{notify.Email.Host}:{notify.Email.Port}{(notify.Email.UseStartTls ? " STARTTLS" : "")} to {string.Join(", ", notify.Email.To)}";
        var index = notify.Webhooks.Count == 1 ? 0 : int.Parse(channel.AsSpan("webhook".Length), CultureInfo.InvariantCulture) - 1;
        var hook = notify.Webhooks[index];
        // The path of a webhook URL is often a bearer secret (Slack, Teams): show scheme, host and port only.
        return $"{new Uri(hook.Url).GetLeftPart(UriPartial.Authority)}, {hook.Format}{(hook.Secret is null ? "" : ", signed")}";
    }

    private static BlockNotice TestNotice()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new BlockNotice
        {
            Event = "test",
            Address = IpAddr.Parse("192.0.2.1"),
            Country = null,
            Score = 0,
            BlockThreshold = 0,
            Reasons = [new VerdictReason("test", "sent by 'rustids notify test'; nothing was blocked", 0)],
            Rules = [],
            Action = "test message",
            Duration = TimeSpan.Zero,
            ExpiresAt = null,
            DecidedAt = now,
            UnblockCommand = "nothing to do: this is a test",
            Hostname = Environment.MachineName,
            Severity = NoticeSeverity.Info,
        };
    }
}
