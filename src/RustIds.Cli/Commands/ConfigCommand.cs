using System.CommandLine;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids config check</c>: validate the configuration and list every problem.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var check = new Command("check", """
            Validate the configuration file, environment overrides (RUSTIDS__Section__Key) and the files it
            names, and list every problem at once. Exit code 1 when there is any; rustids run refuses to start
            with the same list.
            """)
        { config };
        check.SetAction(parse =>
        {
            var result = ConfigLoader.Load(parse.GetValue(config));
            var problems = result.Problems.Concat(result.IsValid ? ConfigValidator.ValidateFiles(result.Options) : []).ToList();
            var source = result.Source ?? "built-in defaults";
            if (problems.Count == 0)
            {
                Console.WriteLine($"{source}: valid");
                var o = result.Options;
                Console.WriteLine($"  rules: {string.Join(", ", o.Rules.Files)}");
                Console.WriteLine($"  firewall: {o.Firewall.Backend}, block at score >= {o.Reputation.BlockThreshold} for {o.Reputation.BaseBlockDuration} (max {o.Reputation.MaxBlockDuration})");
                Console.WriteLine($"  geoip: {o.Reputation.GeoIpDatabase ?? "off"}; asn: {o.Reputation.AsnDatabase ?? "off"}; feeds: {FeedCatalog.Load(o.Reputation, null).Enabled.Count()} enabled (see 'rustids feeds list')");
                Console.WriteLine($"  email: {(o.Notify.Email.Enabled ? string.Join(", ", o.Notify.Email.To) : "off")}; webhooks: {o.Notify.Webhooks.Count}");
                Console.WriteLine($"  eve: {o.Eve.Path}; database: {o.Storage.DatabasePath}");
                return ExitCodes.Ok;
            }
            Console.Error.WriteLine($"{source}: {problems.Count} problem(s)");
            foreach (var problem in problems)
                Console.Error.WriteLine($"  {problem}");
            return ExitCodes.InputErrors;
        });
        return new Command("config", "Check the configuration.") { check };
    }
}
