using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RustIds.Notify;

/// <summary>Reads an SMTP server's greeting and its EHLO reply, then says QUIT: what <c>rustids notify test</c> shows of the server.</summary>
/// <remarks>
/// <see cref="System.Net.Mail.SmtpClient"/> does not expose the server's replies, so the test command opens one plain
/// connection of its own first (RFC 5321 section 4.1.1: greeting, EHLO, QUIT). Nothing is sent beyond EHLO.
/// </remarks>
public static class SmtpProbe
{
    /// <summary>The server's reply lines: the 220 greeting, then the EHLO reply (capabilities such as STARTTLS and AUTH).</summary>
    /// <exception cref="NotificationException">The server could not be reached or did not answer in time (transient).</exception>
    public static async Task<IReadOnlyList<string>> GreetAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var lines = new List<string>();
            await ReadReplyAsync(reader, lines, deadline.Token).ConfigureAwait(false);
            await stream.WriteAsync("EHLO rustids\r\n"u8.ToArray(), deadline.Token).ConfigureAwait(false);
            await ReadReplyAsync(reader, lines, deadline.Token).ConfigureAwait(false);
            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), deadline.Token).ConfigureAwait(false);
            return lines;
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new NotificationException("email", string.Create(CultureInfo.InvariantCulture, $"SMTP {endpoint} did not answer within {timeout.TotalSeconds:0.###} s"), isTransient: true, ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            throw new NotificationException("email", $"SMTP {endpoint} unreachable: {ex.Message}", isTransient: true, ex);
        }
    }

    /// <summary>Reads one reply: lines <c>250-...</c> continue it, <c>250 ...</c> ends it.</summary>
    private static async Task ReadReplyAsync(StreamReader reader, List<string> lines, CancellationToken ct)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("the server closed the connection");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
                return;
        }
    }
}
