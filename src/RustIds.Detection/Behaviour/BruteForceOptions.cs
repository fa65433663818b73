namespace RustIds.Detection.Behaviour;

/// <summary>Login brute force (sids 20, 21): many attempts on login services or login pages.</summary>
public sealed class BruteForceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Login services: SSH, Telnet, FTP, SMTP and submission, POP3(S), IMAP(S), RDP, MySQL, PostgreSQL, MSSQL, VNC.</summary>
    public List<int> Ports { get; set; } = [21, 22, 23, 25, 110, 143, 465, 587, 993, 995, 1433, 3306, 3389, 5432, 5900];

    /// <summary>Connection attempts from one source to login ports within <see cref="Window"/>. Default 20.</summary>
    public int Attempts { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Completed login-port sessions shorter than <see cref="ShortSession"/> within <see cref="ShortSessionWindow"/> (failed logins look like this). Default 10.</summary>
    public int ShortSessions { get; set; } = 10;

    public TimeSpan ShortSession { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ShortSessionWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HTTP POSTs to a login path from one source within <see cref="Window"/> (sid 21). Default 20.</summary>
    public int HttpLogins { get; set; } = 20;

    /// <summary>Path fragments (case-insensitive) that mark a login page.</summary>
    public List<string> LoginPaths { get; set; } = ["login", "logon", "signin", "sign-in", "sign_in", "auth", "wp-login.php", "xmlrpc.php", "session", "j_security_check"];

    internal void Validate(OptionProblems problems)
    {
        for (var i = 0; i < Ports.Count; i++)
            problems.Count(Ports[i], 1, 65535, $"BruteForce:Ports:{i}");
        problems.Count(Attempts, 2, 1_000_000, "BruteForce:Attempts");
        problems.Count(ShortSessions, 2, 1_000_000, "BruteForce:ShortSessions");
        problems.Count(HttpLogins, 2, 1_000_000, "BruteForce:HttpLogins");
        problems.Window(Window, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "BruteForce:Window");
        problems.Window(ShortSession, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), "BruteForce:ShortSession");
        problems.Window(ShortSessionWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "BruteForce:ShortSessionWindow");
        for (var i = 0; i < LoginPaths.Count; i++)
            problems.Check(LoginPaths[i].Length is > 0 and <= 64 && LoginPaths[i].All(char.IsAscii), $"BruteForce:LoginPaths:{i}", "must be 1 to 64 ASCII characters");
    }
}
