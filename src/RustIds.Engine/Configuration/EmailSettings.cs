namespace RustIds.Engine.Configuration;

/// <summary>SMTP delivery of block notices.</summary>
public sealed class EmailSettings
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";

    /// <summary>SMTP port. Default 25; 587 with <see cref="UseStartTls"/> for submission.</summary>
    public int Port { get; set; } = 25;
    /// <summary>Upgrade with STARTTLS before AUTH and DATA. Implicit TLS (SMTPS, port 465) is not available: System.Net.Mail does not speak it.</summary>
    public bool UseStartTls { get; set; }
    public string? UserName { get; set; }

    /// <summary>SMTP password; prefer the <c>RUSTIDS__Notify__Email__Password</c> environment variable. Never logged.</summary>
    public string? Password { get; set; }
    public string From { get; set; } = "rustids@localhost";
    public List<string> To { get; set; } = [];
    public List<string> Cc { get; set; } = [];
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What goes out at once and what waits for the digest.</summary>
    public NotifyPolicySettings Policy { get; set; } = new();
}
