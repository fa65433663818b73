using System.Globalization;
using System.Net.Mail;

namespace RustIds.Notify;

/// <summary>Settings of <see cref="EmailChannel"/>.</summary>
/// <remarks><see cref="Password"/> is a secret: load it from the environment or a 0600 file; it is never logged.</remarks>
public sealed class EmailOptions
{
    /// <summary>SMTP server host name or address. Required.</summary>
    public string Host { get; set; } = "";

    /// <summary>SMTP port. Default 25; 587 for submission with STARTTLS.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS before sending. Default false (local relay).</summary>
    public bool UseStartTls { get; set; }

    /// <summary>User name for SMTP AUTH; null for no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for SMTP AUTH. Secret, never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address. Required.</summary>
    public string From { get; set; } = "";

    /// <summary>Recipients. At least one required.</summary>
    public IList<string> To { get; } = new List<string>();

    /// <summary>Copy recipients. Optional.</summary>
    public IList<string> Cc { get; } = new List<string>();

    /// <summary>Whole-send timeout (connect, dialogue, data). Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
            problems.Add("Email:Host is required.");
        if (Port is < 1 or > 65535)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Email:Port {Port} is not between 1 and 65535."));
        if (string.IsNullOrWhiteSpace(From))
            problems.Add("Email:From is required.");
        else if (!MailAddress.TryCreate(From, out _))
            problems.Add($"Email:From '{From}' is not an email address.");
        if (To.Count == 0)
            problems.Add("Email:To needs at least one recipient.");
        foreach (var address in To.Concat(Cc).Where(a => !MailAddress.TryCreate(a, out _)))
            problems.Add($"Email:To/Cc '{address}' is not an email address.");
        if (Timeout <= TimeSpan.Zero)
            problems.Add("Email:Timeout must be positive.");
        if (UserName is not null && Password is null)
            problems.Add("Email:Password is required when Email:UserName is set.");
        return problems;
    }
}
