using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids firewall setup|status|teardown</c>: the firewall objects rustids owns.</summary>
internal static class FirewallCommand
{
    public static Command Create()
    {
        var command = new Command("firewall",
            $"Manage rustids' own firewall objects (nftables: table '{NftablesBackend.Table}'; iptables: chain RUSTIDS and the rustids_* ipsets); nothing else is touched.");
        command.Subcommands.Add(Create("setup", "Create (or repair) the table, sets and chains. Idempotent.",
            async (backend, ct) =>
            {
                await backend.SetupAsync(ct);
                Console.WriteLine($"{backend.Name}: set up");
            }));
        command.Subcommands.Add(Create("status", "List the blocked and rate-limited targets with their remaining time, and the feed sets with their sizes.",
            async (backend, ct) =>
            {
                var entries = await backend.ListAsync(ct);
                var feeds = await backend.ListFeedSetsAsync(ct);
                var rateLimited = entries.Count(e => e.Action == FirewallAction.RateLimit);
                Console.WriteLine($"{backend.Name}: {entries.Count - rateLimited} blocked, {rateLimited} rate-limited, {feeds.Count} feed set(s)");
                foreach (var entry in entries.OrderBy(e => e.Action).ThenBy(e => e.Target.Network))
                {
                    var action = entry.Action == FirewallAction.Block ? "block" : "rate-limit";
                    Console.WriteLine($"  {FirewallTarget.Format(entry.Target),-43} {action,-10} {(entry.Remaining is { } left ? $"expires in {left:d\\.hh\\:mm\\:ss}" : "no timeout")}");
                }
                foreach (var feed in feeds)
                    Console.WriteLine($"  feed {feed.Name,-38} {feed.Entries} entries");
            }));
        command.Subcommands.Add(Create("teardown", "Remove rustids' table (or chain, jumps and ipsets) and everything in it; nothing else is touched.",
            async (backend, ct) =>
            {
                await backend.TeardownAsync(ct);
                Console.WriteLine($"{backend.Name}: removed");
            }));
        return command;
    }

    private static Command Create(string name, string description, Func<IFirewallBackend, CancellationToken, Task> action)
    {
        var config = CommonOptions.Config();
        var firewall = new Option<string?>("--firewall") { Description = "auto, nftables, iptables or dry-run (default: Firewall:Backend)." };
        firewall.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        var command = new Command(name, description) { config, firewall };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            try
            {
                var backend = ResponseComponents.CreateBackend(options.Firewall, parse.GetValue(firewall) ?? options.Firewall.Backend, TimeProvider.System, NullLoggerFactory.Instance);
                await action(backend, cancellation);
                return ExitCodes.Ok;
            }
            catch (FirewallCommandException ex)
            {
                Console.Error.WriteLine($"rustids: {ex.Message}");
                return ExitCodes.EnvironmentFailure;
            }
        });
        return command;
    }
}
