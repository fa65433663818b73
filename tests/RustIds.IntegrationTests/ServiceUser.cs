namespace RustIds.IntegrationTests;

/// <summary>
/// A system user for running rustids the way the systemd unit does: its own user, CAP_NET_RAW and CAP_NET_ADMIN ambient
/// and nothing else in the bounding set (setpriv sets them up as AmbientCapabilities and CapabilityBoundingSet do).
/// Removed on dispose.
/// </summary>
internal sealed class ServiceUser : IDisposable
{
    private readonly string _setpriv;

    private ServiceUser(string name, string setpriv)
    {
        Name = name;
        _setpriv = setpriv;
        ProcessRun.Run(ToolPaths.Find("useradd")!, ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], TimeSpan.FromSeconds(30));
    }

    public string Name { get; }

    /// <summary>Creates the user, or skips the test when setpriv or useradd is missing.</summary>
    public static ServiceUser Create(string name)
    {
        var setpriv = ToolPaths.Find("setpriv");
        Skip.If(setpriv is null || ToolPaths.Find("useradd") is null, "needs setpriv (util-linux) and useradd (passwd)");
        return new ServiceUser(name, setpriv!);
    }

    /// <summary>
    /// A copy of the published CLI in <paramref name="destination"/>: the service runs /opt/rustids, which any user can read,
    /// while the checkout may sit under a directory only root can enter (CI's does).
    /// </summary>
    public static string CopyCli(string rustids, string destination)
    {
        ProcessRun.RunChecked("/usr/bin/cp", "-r", Path.GetDirectoryName(Path.GetFullPath(rustids))!, destination);
        return Path.Combine(destination, Path.GetFileName(rustids));
    }

    /// <summary>Gives the user <paramref name="directory"/> and everything in it, as install.sh --service does with /var/lib/rustids.</summary>
    public void Own(string directory) => ProcessRun.RunChecked("/usr/bin/chown", "-R", $"{Name}:{Name}", directory);

    /// <summary>The command line that runs <paramref name="binary"/> as this user with the two capabilities.</summary>
    public string[] Command(string binary, params string[] arguments) =>
        [_setpriv, $"--reuid={Name}", $"--regid={Name}", "--init-groups",
         "--inh-caps=-all,+net_raw,+net_admin", "--ambient-caps=-all,+net_raw,+net_admin", "--bounding-set=-all,+net_raw,+net_admin",
         "--", binary, .. arguments];

    public void Dispose() => ProcessRun.Run(ToolPaths.Find("userdel")!, [Name], TimeSpan.FromSeconds(30));
}
