using Microsoft.Extensions.Logging;
using RustIds.Engine.Configuration;
using RustIds.Response;
using RustIds.Response.Iptables;

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
        var firewallOptions = ToFirewallOptions(options.Firewall);
        var backend = CreateBackend(options.Firewall, backendName, clock, loggers);
        var allowlist = Allowlist.Load(ToAllowlistOptions(options.Firewall));
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var store = new BlockStore(databasePath);
        var firewall = options.Firewall;
        var manager = new BlockManager(backend, store, allowlist, clock, loggers.CreateLogger<BlockManager>(), new BlockManagerOptions
        {
            MaxActiveBlocks = firewall.MaxActiveBlocks,
            MaxDuration = options.Reputation.MaxBlockDuration,
            DefaultDuration = options.Reputation.BaseBlockDuration,
            MaxBatchSize = firewall.MaxBatchSize,
            Ipv4AggregateThreshold = firewall.Ipv4AggregateThreshold,
            Ipv4AggregatePrefixLength = firewall.Ipv4AggregatePrefixLength,
            Ipv6AggregateThreshold = firewall.Ipv6AggregateThreshold,
            Ipv6AggregatePrefixLength = firewall.Ipv6AggregatePrefixLength,
            DropConnections = firewall.DropConnections && backend is not DryRunBackend,
        }, new ConnectionFlusher(firewallOptions));
        return new ResponseComponents(store, backend, manager);
    }

    /// <summary>Builds the backend; <c>auto</c> picks nftables when <c>nft</c> is installed, else iptables+ipset.</summary>
    public static IFirewallBackend CreateBackend(Configuration.FirewallOptions options, string backendName, TimeProvider clock, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var firewallOptions = ToFirewallOptions(options);
        if (backendName == FirewallBackendNames.Auto)
            backendName = File.Exists(firewallOptions.NftPath) ? FirewallBackendNames.Nftables : FirewallBackendNames.Iptables;
        return backendName switch
        {
            FirewallBackendNames.DryRun => new DryRunBackend(loggers.CreateLogger<DryRunBackend>(), clock),
            FirewallBackendNames.Nftables => new NftablesBackend(firewallOptions, loggers.CreateLogger<NftablesBackend>()),
            FirewallBackendNames.Iptables => new IptablesBackend(firewallOptions, loggers.CreateLogger<IptablesBackend>()),
            _ => throw new ArgumentException($"unknown firewall backend '{backendName}'", nameof(backendName)),
        };
    }

    /// <summary>The backend-level options from the configuration.</summary>
    public static Response.FirewallOptions ToFirewallOptions(Configuration.FirewallOptions firewall)
    {
        ArgumentNullException.ThrowIfNull(firewall);
        return new Response.FirewallOptions
        {
            ChainPriority = firewall.ChainPriority,
            HookOutput = firewall.HookOutput,
            CommandTimeout = firewall.CommandTimeout,
            RateLimit = new RateLimitOptions { PacketsPerSecond = firewall.RateLimitPacketsPerSecond, Burst = firewall.RateLimitBurst },
        };
    }

    public static AllowlistOptions ToAllowlistOptions(Configuration.FirewallOptions firewall)
    {
        ArgumentNullException.ThrowIfNull(firewall);
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
