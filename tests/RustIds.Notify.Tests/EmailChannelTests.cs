using System.Diagnostics;

namespace RustIds.Notify.Tests;

public sealed class EmailChannelTests
{
    [SkippableFact]
    public async Task SendAsync_RealSmtpServer_DeliversNoticeWithEveryFact()
    {
        var missing = DebianPython.MissingReason("aiosmtpd");
        Skip.If(missing is not null, missing);
        using var server = SmtpDebugServer.Start();
        var options = Options(server.Port);
        options.Cc.Add("audit@example.org");
        var channel = new EmailChannel(options);

        await channel.SendAsync(TestData.Notice(), CancellationToken.None);

        var raw = server.WaitForOutput("END MESSAGE", 1, TimeSpan.FromSeconds(20));
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-RustIds-Address: 203.0.113.7", raw, StringComparison.Ordinal);
        var message = QuotedPrintable.Decode(raw);
        Assert.Contains("From: rustids@gw1.example.org", message, StringComparison.Ordinal);
        Assert.Contains("To: soc@example.org", message, StringComparison.Ordinal);
        Assert.Contains("audit@example.org", message, StringComparison.Ordinal);
        Assert.Contains("Subject: [rustids] gw1: block 203.0.113.7 (NL), score 85/70, 1h", message, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", message, StringComparison.Ordinal);
        Assert.Contains("text/html", message, StringComparison.Ordinal);
        Assert.Contains("Address:    203.0.113.7", message, StringComparison.Ordinal);
        Assert.Contains("sid 1000001", message, StringComparison.Ordinal);
        Assert.Contains("Expires:    2026-12-04T14:11:50Z", message, StringComparison.Ordinal);
        Assert.Contains("rustids block remove 203.0.113.7", message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SendAsync_RealSmtpServer_BothBodiesStartWithThePlainEnglishSummary()
    {
        var missing = DebianPython.MissingReason("aiosmtpd");
        Skip.If(missing is not null, missing);
        using var server = SmtpDebugServer.Start();
        var notice = TestData.Notice();

        await new EmailChannel(Options(server.Port)).SendAsync(notice, CancellationToken.None);

        var message = QuotedPrintable.Decode(server.WaitForOutput("END MESSAGE", 1, TimeSpan.FromSeconds(20)));
        Assert.Contains("applied 'block' to 203.0.113.7.\n\nSummary:\n" + NoticeSummary.Compose(notice) + "\n\nAddress:    203.0.113.7", message, StringComparison.Ordinal);
        Assert.Contains("<h3>Summary</h3>\n<p><b>What happened:</b> 203.0.113.7 (country NL) set off 2 rules", message, StringComparison.Ordinal);
        Assert.Contains("<p><b>What to do next:</b> If 203.0.113.7 is legitimate, lift the block with `rustids block remove 203.0.113.7`", message, StringComparison.Ordinal);
        Assert.DoesNotContain("rewritten by", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsClearTransientNotificationException()
    {
        var port = FreePort.Get();
        var channel = new EmailChannel(Options(port));

        var ex = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestData.Notice(), CancellationToken.None));

        Assert.Equal("email", ex.Channel);
        Assert.True(ex.IsTransient);
        Assert.Equal($"SMTP 127.0.0.1:{port} unreachable: Connection refused", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOutAsTransient()
    {
        // A listener that accepts (kernel backlog) but never sends the 220 greeting.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var options = Options(port);
        options.Timeout = TimeSpan.FromMilliseconds(500);
        var channel = new EmailChannel(options);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<NotificationException>(() => channel.SendAsync(TestData.Notice(), CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.Equal($"SMTP 127.0.0.1:{port} timed out after 0.5 s", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new EmailOptions { Port = 0, UserName = "u" };
        options.Cc.Add("not an address");

        var ex = Assert.Throws<ArgumentException>(() => new EmailChannel(options));

        Assert.Contains("Email:Host is required.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Email:Port 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Email:From is required.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Email:To needs at least one recipient.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Email:Password is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'not an address' is not an email address", ex.Message, StringComparison.Ordinal);
    }

    internal static EmailOptions Options(int port)
    {
        var options = new EmailOptions { Host = "127.0.0.1", Port = port, From = "rustids@gw1.example.org" };
        options.To.Add("soc@example.org");
        return options;
    }
}
