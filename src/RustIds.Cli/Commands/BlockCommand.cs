using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Packets;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids block list|add|remove</c>: the stored blocks, and manual changes to them.</summary>
internal static class BlockCommand
{
    public static Command Create()
    {
        return new Command("block", "List, add and remove blocks (stored in the SQLite database, applied to the firewall).")
        {
            CreateList(), CreateAdd(), CreateRemove(),
        };
    }

    private static Command CreateList()
    {
        var config = CommonOptions.Config();
        var json = new Option<bool>("--json") { Description = "One JSON array instead of a table." };
        var db = DatabaseOption();
        var list = new Command("list", "List the active blocks: address, score, since, until, rules.") { config, json, db };
        list.SetAction(parse =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var path = parse.GetValue(db) ?? options.Storage.DatabasePath;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"rustids: no database at {path} yet: nothing has been blocked");
                return parse.GetValue(json) ? PrintJson([]) : ExitCodes.Ok;
            }
            using var store = new BlockStore(path);
            var active = store.GetActive(TimeProvider.System.GetUtcNow());
            return parse.GetValue(json) ? PrintJson(active) : PrintTable(active);
        });
        return list;
    }

    private static Command CreateAdd()
    {
        var config = CommonOptions.Config();
        var address = AddressArgument();
        var duration = new Option<TimeSpan>("--duration") { Description = "How long, e.g. 01:00:00 or 2.00:00:00.", DefaultValueFactory = _ => TimeSpan.FromHours(1) };
        var reason = new Option<string>("--reason") { Description = "Why (stored and audited).", DefaultValueFactory = _ => "manual block" };
        var firewall = FirewallOption();
        var add = new Command("add", "Block an address by hand (the allowlist still applies).") { address, config, duration, reason, firewall };
        add.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null || !TryAddress(parse.GetValue(address)!, out var ip))
                return ExitCodes.InputErrors;
            using var response = ResponseComponents.Create(options, parse.GetValue(firewall) ?? options.Firewall.Backend, options.Storage.DatabasePath, TimeProvider.System, NullLoggerFactory.Instance);
            await response.Backend.SetupAsync(cancellation);
            var outcome = await response.Manager.BlockManualAsync(ip, parse.GetValue(duration), parse.GetValue(reason)!, cancellation);
            Console.WriteLine($"{ip}: {outcome.Kind}{(outcome.ExpiresAt is { } until ? " until " + until.ToString("u", CultureInfo.InvariantCulture) : "")}{(outcome.Reason is { } why ? " (" + why + ")" : "")}");
            return outcome.IsBlocked ? ExitCodes.Ok : ExitCodes.InputErrors;
        });
        return add;
    }

    private static Command CreateRemove()
    {
        var config = CommonOptions.Config();
        var address = AddressArgument();
        var reason = new Option<string>("--reason") { Description = "Why (stored and audited).", DefaultValueFactory = _ => "manual unblock" };
        var firewall = FirewallOption();
        var remove = new Command("remove", "Unblock an address now: close its record and remove it from the firewall.") { address, config, reason, firewall };
        remove.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null || !TryAddress(parse.GetValue(address)!, out var ip))
                return ExitCodes.InputErrors;
            using var response = ResponseComponents.Create(options, parse.GetValue(firewall) ?? options.Firewall.Backend, options.Storage.DatabasePath, TimeProvider.System, NullLoggerFactory.Instance);
            var removed = await response.Manager.UnblockAsync(ip, parse.GetValue(reason)!, cancellation);
            Console.WriteLine(removed ? $"{ip}: unblocked" : $"{ip}: was not blocked");
            return ExitCodes.Ok;
        });
        return remove;
    }

    private static Argument<string> AddressArgument() => new("ADDRESS") { Description = "IPv4 or IPv6 address." };

    private static Option<string?> DatabaseOption() => new("--db") { Description = "SQLite database (default: Storage:DatabasePath).", HelpName = "FILE" };

    private static Option<string?> FirewallOption()
    {
        var option = new Option<string?>("--firewall") { Description = "nftables or dry-run (default: Firewall:Backend)." };
        option.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        return option;
    }

    private static bool TryAddress(string text, out IpAddr address)
    {
        if (IpAddr.TryParse(text, out address))
            return true;
        Console.Error.WriteLine($"rustids: '{text}' is not an IP address");
        return false;
    }

    private static int PrintTable(IReadOnlyList<BlockRecord> blocks)
    {
        if (blocks.Count == 0)
        {
            Console.WriteLine("no active blocks");
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{"ADDRESS",-40} {"SCORE",5}  {"SINCE (UTC)",-20} {"UNTIL (UTC)",-20} RULES");
        foreach (var block in blocks)
        {
            Console.WriteLine(
                $"{block.Address,-40} {block.Score,5}  {block.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} " +
                $"{block.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20} {block.Rules}{(block.Manual ? " (manual)" : "")}");
        }
        return ExitCodes.Ok;
    }

    private static int PrintJson(IReadOnlyList<BlockRecord> blocks)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var block in blocks)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", block.Id);
            writer.WriteString("address", block.Address.ToString());
            writer.WriteNumber("score", block.Score);
            writer.WriteString("created_at", block.CreatedAt);
            writer.WriteString("expires_at", block.ExpiresAt);
            writer.WriteString("rules", block.Rules);
            writer.WriteBoolean("manual", block.Manual);
            writer.WritePropertyName("reasons");
            using (var reasons = JsonDocument.Parse(string.IsNullOrEmpty(block.ReasonsJson) ? "[]" : block.ReasonsJson))
                reasons.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Flush();
        Console.WriteLine();
        return ExitCodes.Ok;
    }
}
