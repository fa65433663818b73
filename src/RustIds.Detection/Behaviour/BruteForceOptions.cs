namespace RustIds.Detection.Behaviour;

/// <summary>Login brute force (sids 20, 21): many attempts on login services or login pages.</summary>
public sealed class BruteForceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Login services: FTP, SSH, Telnet, SMTP and submission, POP3(S), IMAP(S), MSSQL, MySQL, RDP, PostgreSQL, VNC.</summary>
    public static IReadOnlyList<int> DefaultPorts { get; } = [21, 22, 23, 25, 110, 143, 465, 587, 993, 995, 1433, 3306, 3389, 5432, 5900];

    public static IReadOnlyList<string> DefaultLoginPaths { get; } = ["login", "logon", "signin", "sign-in", "sign_in", "auth", "wp-login.php", "xmlrpc.php", "session", "j_security_check"];

    /// <summary>Ports of login services; null (the default) means <see cref="DefaultPorts"/> (null, because the binder appends to a filled list).</summary>
    public List<int>? Ports { get; set; }

    public IReadOnlyList<int> EffectivePorts => Ports ?? DefaultPorts;

    /// <summary>Connection attempts from one source to login ports within <see cref="Window"/>. Default 20.</summary>
    public int Attempts { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Completed login-port sessions shorter than <see cref="ShortSession"/> within <see cref="ShortSessionWindow"/> (failed logins look like this). Default 10.</summary>
    public int ShortSessions { get; set; } = 10;

    public TimeSpan ShortSession { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ShortSessionWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HTTP POSTs to a login path from one source within <see cref="Window"/> (sid 21). Default 20.</summary>
    public int HttpLogins { get; set; } = 20;

    /// <summary>Path fragments (case-insensitive) that mark a login page; null (the default) means <see cref="DefaultLoginPaths"/>.</summary>
    public List<string>? LoginPaths { get; set; }

    public IReadOnlyList<string> EffectiveLoginPaths => LoginPaths ?? DefaultLoginPaths;

    internal void Validate(OptionProblems problems)
    {
        var ports = EffectivePorts;
        for (var i = 0; i < ports.Count; i++)
            problems.Count(ports[i], 1, 65535, $"BruteForce:Ports:{i}");
        problems.Count(Attempts, 2, 1_000_000, "BruteForce:Attempts");
        problems.Count(ShortSessions, 2, 1_000_000, "BruteForce:ShortSessions");
        problems.Count(HttpLogins, 2, 1_000_000, "BruteForce:HttpLogins");
        problems.Window(Window, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "BruteForce:Window");
        problems.Window(ShortSession, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), "BruteForce:ShortSession");
        problems.Window(ShortSessionWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "BruteForce:ShortSessionWindow");
        var paths = EffectiveLoginPaths;
        for (var i = 0; i < paths.Count; i++)
            problems.Check(paths[i].Length is > 0 and <= 64 && paths[i].All(char.IsAscii), $"BruteForce:LoginPaths:{i}", "must be 1 to 64 ASCII characters");
    }
}
