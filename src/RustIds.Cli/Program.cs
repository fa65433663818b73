using System.CommandLine;
using RustIds.Cli;
using RustIds.Cli.Commands;

var root = new RootCommand(
    """
    rustids: intrusion prevention responder for Linux gateways.
    Captures traffic, matches Suricata-syntax rules, scores offenders against blocklists, GeoIP and
    its own history, and blocks them in its own nftables table with expiry. Every block is explained.

    Exit codes: 0 ok, 1 errors in the input (what was valid was still used), 2 usage, 3 environment failure.
    Configuration: /etc/rustids/rustids.json (or --config), then RUSTIDS__Section__Key environment variables.
    """);
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(RulesCommand.Create());
root.Subcommands.Add(IpCommand.Create());
root.Subcommands.Add(BlockCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(FirewallCommand.Create());
root.Subcommands.Add(FeedsCommand.Create());
root.Subcommands.Add(NotifyCommand.Create());

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
        Console.Error.WriteLine($"rustids: {error.Message}");
    Console.Error.WriteLine("Try 'rustids --help' or 'rustids <command> --help'.");
    return ExitCodes.Usage;
}
return await parseResult.InvokeAsync();
