using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RustIds.Notify;

/// <summary>Sends block notices by SMTP: plain text with an HTML alternative.</summary>
/// <remarks>
/// STARTTLS and AUTH (LOGIN, NTLM as the server offers) come from <see cref="SmtpClient"/>; it cannot do implicit
/// TLS (SMTPS on port 465), so the configuration refuses that combination rather than hang on the TLS greeting.
/// Uses <see cref="SmtpClient"/> (in the framework; MailKit is not served by our registry). One
/// client per send because <see cref="SmtpClient"/> does not allow concurrent sends. The timeout
/// covers the whole send through a cancellation token, since <see cref="SmtpClient.Timeout"/>
/// applies only to the synchronous API. Thread-safe.
/// </remarks>
public sealed partial class EmailChannel : INotificationChannel
{
    private readonly EmailOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the channel.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public EmailChannel(EmailOptions options, ILogger<EmailChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        _logger = logger ?? NullLogger<EmailChannel>.Instance;
    }

    /// <inheritdoc />
    public string Name => "email";

    /// <inheritdoc />
    public async Task<string> SendAsync(BlockNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var answer = await SendMessageAsync(NoticeFormatter.Subject(notice), NoticeFormatter.PlainText(notice), NoticeFormatter.Html(notice),
            notice.Address.ToString(), ct).ConfigureAwait(false);
        LogSent(_logger, notice.Address.ToString(), _options.To.Count + _options.Cc.Count, Endpoint);
        return answer;
    }

    /// <inheritdoc />
    public async Task<string> SendDigestAsync(NoticeDigest digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var answer = await SendMessageAsync(DigestFormatter.Subject(digest), DigestFormatter.PlainText(digest), DigestFormatter.Html(digest),
            address: null, ct).ConfigureAwait(false);
        LogDigestSent(_logger, digest.Notices.Count, _options.To.Count + _options.Cc.Count, Endpoint);
        return answer;
    }

    /// <summary>Sends one multipart/alternative message (plain text first, HTML as the preferred alternative).</summary>
    /// <returns>The outcome as the server gave it: <see cref="SmtpClient"/> completes only after the 250 reply to the message data, but does not expose its text.</returns>
    internal async Task<string> SendMessageAsync(string subject, string plainText, string html, string? address, CancellationToken ct)
    {
        using var message = BuildMessage(subject, plainText, html, address);
        using var client = new SmtpClient(_options.Host, _options.Port)
        {
            EnableSsl = _options.UseStartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds),
        };
        if (_options.UserName is not null)
            client.Credentials = new NetworkCredential(_options.UserName, _options.Password);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await client.SendMailAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SmtpException or IOException or SocketException or AuthenticationException or InvalidOperationException)
        {
            // SmtpClient reports a cancelled send as SmtpException(GeneralFailure), so look at the tokens, not the type.
            if (ct.IsCancellationRequested)
                throw new OperationCanceledException("Email send cancelled.", ex, ct);
            if (timeout.IsCancellationRequested)
            {
                throw new NotificationException(Name,
                    string.Create(CultureInfo.InvariantCulture, $"SMTP {Endpoint} timed out after {_options.Timeout.TotalSeconds:0.###} s"), isTransient: true, ex);
            }
            throw Translate(ex);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"250 message accepted by {Endpoint} for {_options.To.Count + _options.Cc.Count} recipient(s){(_options.UseStartTls ? " over STARTTLS" : "")}");
    }

    private string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{_options.Host}:{_options.Port}");

    private MailMessage BuildMessage(string subject, string plainText, string htmlText, string? address)
    {
        var message = new MailMessage
        {
            From = new MailAddress(_options.From),
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            Body = plainText,
            BodyEncoding = Encoding.UTF8,
            // Quoted-printable keeps ASCII text readable in the raw message and survives 7-bit relays.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        foreach (var to in _options.To)
            message.To.Add(to);
        foreach (var cc in _options.Cc)
            message.CC.Add(cc);
        var html = AlternateView.CreateAlternateViewFromString(htmlText, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(html);
        if (address is not null)
            message.Headers.Add("X-RustIds-Address", address);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private NotificationException Translate(Exception ex)
    {
        if (Find<SocketException>(ex) is { } socket)
            return new NotificationException(Name, $"SMTP {Endpoint} unreachable: {socket.Message}", isTransient: true, ex);
        if (Find<AuthenticationException>(ex) is { } tls)
            return new NotificationException(Name, $"SMTP {Endpoint} TLS failed: {tls.Message}", isTransient: false, ex);
        if (ex is SmtpException smtp)
        {
            var code = (int)smtp.StatusCode;
            // 4yz replies are transient by RFC 5321 section 4.2.1; GeneralFailure (-1) is a lost connection.
            var transient = smtp.StatusCode == SmtpStatusCode.GeneralFailure || code is >= 400 and < 500;
            var detail = smtp.InnerException is { } inner ? $"{smtp.Message} {inner.Message}" : smtp.Message;
            return new NotificationException(Name,
                string.Create(CultureInfo.InvariantCulture, $"SMTP {Endpoint} failed ({code} {smtp.StatusCode}): {detail}"), transient, ex);
        }
        return new NotificationException(Name, $"SMTP {Endpoint} failed: {ex.Message}", isTransient: ex is IOException, ex);
    }

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match)
                return match;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Emailed block notice for {Address} to {RecipientCount} recipients via {Endpoint}")]
    private static partial void LogSent(ILogger logger, string address, int recipientCount, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Emailed a digest of {Count} notices to {RecipientCount} recipients via {Endpoint}")]
    private static partial void LogDigestSent(ILogger logger, int count, int recipientCount, string endpoint);
}
