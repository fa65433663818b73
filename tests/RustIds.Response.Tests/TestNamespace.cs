namespace RustIds.Response.Tests;

/// <summary>A network namespace created for one test and deleted on dispose, whatever happened.</summary>
internal sealed class TestNamespace : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private TestNamespace(string name)
    {
        Name = name;
        Runner = new ProcessRunner(name);
    }

    public string Name { get; }

    /// <summary>Runs commands inside this namespace.</summary>
    public ProcessRunner Runner { get; }

    public static async Task<TestNamespace> CreateAsync()
    {
        var name = "rids-t-" + Guid.NewGuid().ToString("N")[..10];
        await new ProcessRunner().RunCheckedAsync(Root.Ip, ["netns", "add", name], null, Timeout);
        var ns = new TestNamespace(name);
        try
        {
            await ns.IpAsync("link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>ip -n NAME ...</c></summary>
    public Task<ProcessResult> IpAsync(params string[] arguments) =>
        new ProcessRunner().RunCheckedAsync(Root.Ip, ["-n", Name, .. arguments], null, Timeout);

    /// <summary><c>ip netns exec NAME nft ...</c></summary>
    public Task<ProcessResult> NftAsync(params string[] arguments) =>
        Runner.RunCheckedAsync(Root.Nft, arguments, null, Timeout);

    public FirewallOptions FirewallOptions() => new() { NetworkNamespace = Name };

    public async ValueTask DisposeAsync() =>
        await new ProcessRunner().RunAsync(Root.Ip, ["netns", "delete", Name], null, Timeout);
}
