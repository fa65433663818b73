namespace RustIds.IntegrationTests;

/// <summary>Absolute paths of the Debian tools the end-to-end tests drive (never through a shell).</summary>
internal static class ToolPaths
{
    public static string? Ip => Find("ip");
    public static string? Nft => Find("nft");
    public static string? Ipset => Find("ipset");
    public static string? Iptables => Find("iptables");
    public static string? Curl => Find("curl");

    /// <summary>Debian's python3: the one with python3-aiosmtpd (a pyenv python3 on PATH may lack it).</summary>
    public static string? DebianPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : null;

    /// <summary>The CLI under test: <c>RUSTIDS_BIN</c> (set by scripts/test.sh), else the installed one.</summary>
    public static string? Rustids
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("RUSTIDS_BIN");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
                return fromEnv;
            return File.Exists("/usr/local/bin/rustids") ? "/usr/local/bin/rustids" : null;
        }
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The first of /usr/sbin, /usr/bin, /sbin, /bin holding <paramref name="name"/>, or null.</summary>
    public static string? Find(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
