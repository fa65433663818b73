using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Response;

namespace RustIds.Engine.Composition;

/// <summary>The block manager with its store and firewall backend, built from the configuration.</summary>
public sealed class ResponseComponents : IDisposable
{
    private ResponseComponents(BlockStore store, IFirewallBackend backend, BlockManager manager)
    {
        Store = store;
        Backend = backend;
        Manager = manager;
    }

    public BlockStore Store { get; }
    public IFirewallBackend Backend { get; }
    public BlockManager Manager { get; }

    /// <summary>Opens the store and builds the backend named by <paramref name="backendName"/>; touches no firewall yet.</summary>
    public static ResponseComponents Create(
        RustIdsOptions options, string backendName, string databasePath, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var backend = CreateBackend(options.Firewall, backendName, clock, loggers);
        var allowlist = Allowlist.Load(ToAllowlistOptions(options.Firewall));
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var store = new BlockStore(databasePath);
        var manager = new BlockManager(backend, store, allowlist, clock, loggers.CreateLogger<BlockManager>(), new BlockManagerOptions
        {
            MaxActiveBlocks = options.Firewall.MaxActiveBlocks,
            MaxDuration = options.Reputation.MaxBlockDuration,
            DefaultDuration = options.Reputation.BaseBlockDuration,
        });
        return new ResponseComponents(store, backend, manager);
    }

    public static IFirewallBackend CreateBackend(Configuration.FirewallOptions options, string backendName, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return backendName switch
        {
            FirewallBackendNames.DryRun => new DryRunBackend(loggers.CreateLogger<DryRunBackend>(), clock),
            FirewallBackendNames.Nftables => new NftablesBackend(
                new Response.FirewallOptions { ChainPriority = options.ChainPriority },
                loggers.CreateLogger<NftablesBackend>()),
            _ => throw new ArgumentException($"unknown firewall backend '{backendName}'", nameof(backendName)),
        };
    }

    public static AllowlistOptions ToAllowlistOptions(Configuration.FirewallOptions firewall)
    {
        var protect = firewall.ProtectInfrastructure;
        return new AllowlistOptions
        {
            Cidrs = [.. firewall.Allowlist],
            ProtectLoopback = protect,
            ProtectHostAddresses = protect,
            ProtectDefaultGateway = protect,
            ProtectResolvers = protect,
            ProtectSshClient = protect,
        };
    }

    public void Dispose() => Store.Dispose();
}
