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
        var command = new Command("firewall", $"Manage rustids' own firewall objects (nftables table '{NftablesBackend.Table}'); nothing else is touched.");
        command.Subcommands.Add(Create("setup", "Create (or repair) the table, sets and chains. Idempotent.",
            async (backend, ct) =>
            {
                await backend.SetupAsync(ct);
                Console.WriteLine($"{backend.Name}: set up");
            }));
        command.Subcommands.Add(Create("status", "List the addresses in the block sets with their remaining time.",
            async (backend, ct) =>
            {
                var entries = await backend.ListAsync(ct);
                Console.WriteLine($"{backend.Name}: {entries.Count} blocked address(es)");
                foreach (var entry in entries)
                    Console.WriteLine($"  {entry.Address,-40} {(entry.Remaining is { } left ? $"expires in {left:d\\.hh\\:mm\\:ss}" : "no timeout")}");
            }));
        command.Subcommands.Add(Create("teardown", "Remove rustids' table and everything in it; other tables stay.",
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
        var firewall = new Option<string?>("--firewall") { Description = "nftables or dry-run (default: Firewall:Backend)." };
        firewall.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        var command = new Command(name, description) { config, firewall };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var backend = ResponseComponents.CreateBackend(options.Firewall, parse.GetValue(firewall) ?? options.Firewall.Backend, TimeProvider.System, NullLoggerFactory.Instance);
            try
            {
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
