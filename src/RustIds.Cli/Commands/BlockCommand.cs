using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RustIds.Engine.Composition;
using RustIds.Engine.Configuration;
using RustIds.Reputation.Addresses;
using RustIds.Response;

namespace RustIds.Cli.Commands;

/// <summary><c>rustids block list|add|remove</c>: the stored blocks, and manual changes to them.</summary>
internal static class BlockCommand
{
    public static Command Create()
    {
        return new Command("block", "List, add and remove blocks and rate limits (stored in the SQLite database first, then applied to the firewall).")
        {
            CreateList(), CreateAdd(), CreateRemove(),
        };
    }

    private static Command CreateList()
    {
        var config = CommonOptions.Config();
        var json = new Option<bool>("--json") { Description = "One JSON array instead of a table." };
        var db = DatabaseOption();
        var firewall = FirewallOption();
        var list = new Command("list", "List the active blocks: target, action, score, escalation level, since, until, whether the firewall holds it, rules.")
        {
            config, json, db, firewall,
        };
        list.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null)
                return ExitCodes.InputErrors;
            var path = parse.GetValue(db) ?? options.Storage.DatabasePath;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"rustids: no database at {path} yet: nothing has been blocked");
                return parse.GetValue(json) ? PrintJson([], null) : ExitCodes.Ok;
            }
            using var store = new BlockStore(path);
            var active = store.GetActive(TimeProvider.System.GetUtcNow());
            var present = await ReadFirewallAsync(options, parse.GetValue(firewall), cancellation);
            return parse.GetValue(json) ? PrintJson(active, present) : PrintTable(active, present);
        });
        return list;
    }

    private static Command CreateAdd()
    {
        var config = CommonOptions.Config();
        var target = TargetArgument();
        var duration = new Option<string>("--duration", "-d")
        {
            Description = "How long: 90s, 30m, 12h, 2d, 1w, or 01:30:00.",
            DefaultValueFactory = _ => "1h",
        };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (stored, shown in block list and audited).", DefaultValueFactory = _ => "manual block" };
        var rateLimit = new Option<bool>("--rate-limit") { Description = "Rate-limit instead of block (Firewall:RateLimitPacketsPerSecond per source)." };
        var firewall = FirewallOption();
        var add = new Command("add", "Block (or rate-limit) an address or prefix by hand. The allowlist still applies: a prefix holding one protected address is refused.")
        {
            target, config, duration, reason, rateLimit, firewall,
        };
        add.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null || !TryTarget(parse.GetValue(target)!, out var cidr))
                return ExitCodes.InputErrors;
            if (!DurationText.TryParse(parse.GetValue(duration)!, out var span))
            {
                Console.Error.WriteLine($"rustids: --duration '{parse.GetValue(duration)}' is not a duration (examples: 90s, 30m, 12h, 2d, 1w, 01:30:00)");
                return ExitCodes.InputErrors;
            }
            return await WithManagerAsync(options, parse.GetValue(firewall), async response =>
            {
                var action = parse.GetValue(rateLimit) ? FirewallAction.RateLimit : FirewallAction.Block;
                var outcome = await response.Manager.BlockManualAsync(cidr, span, parse.GetValue(reason)!, action, cancellation);
                var until = outcome.ExpiresAt is { } expires ? " until " + expires.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "";
                var why = outcome.Reason is { } text ? " (" + text + ")" : "";
                Console.WriteLine($"{FirewallTarget.Format(cidr)}: {Describe(outcome)}{until}{why} [{response.Backend.Name}]");
                return outcome.IsBlocked ? ExitCodes.Ok : ExitCodes.InputErrors;
            });
        });
        return add;
    }

    private static Command CreateRemove()
    {
        var config = CommonOptions.Config();
        var target = TargetArgument();
        var reason = new Option<string>("--reason", "-r") { Description = "Why (stored and audited).", DefaultValueFactory = _ => "manual unblock" };
        var firewall = FirewallOption();
        var remove = new Command("remove", "Unblock an address or prefix now: close its record and remove it from the block and rate-limit sets.")
        {
            target, config, reason, firewall,
        };
        remove.SetAction(async (parse, cancellation) =>
        {
            var options = CommonOptions.LoadConfigOrReport(parse.GetValue(config));
            if (options is null || !TryTarget(parse.GetValue(target)!, out var cidr))
                return ExitCodes.InputErrors;
            return await WithManagerAsync(options, parse.GetValue(firewall), async response =>
            {
                var removed = await response.Manager.UnblockAsync(cidr, parse.GetValue(reason)!, cancellation);
                var covering = (await response.Manager.GetActiveAsync(cancellation))
                    .FirstOrDefault(r => r.Target != cidr && r.Target.PrefixLength < cidr.PrefixLength && r.Target.Contains(cidr.Network));
                Console.WriteLine(removed ? $"{FirewallTarget.Format(cidr)}: unblocked" : $"{FirewallTarget.Format(cidr)}: was not blocked");
                if (covering is not null)
                    Console.WriteLine($"note: {covering.TargetText} is still blocked and covers it; remove that to let it through");
                return ExitCodes.Ok;
            });
        });
        return remove;
    }

    private static async Task<int> WithManagerAsync(RustIdsOptions options, string? backendName, Func<ResponseComponents, Task<int>> action)
    {
        try
        {
            using var response = ResponseComponents.Create(options, backendName ?? options.Firewall.Backend, options.Storage.DatabasePath, TimeProvider.System, NullLoggerFactory.Instance);
            // Setup only: the allowlist sets and reconciliation belong to the running daemon.
            await response.Backend.SetupAsync();
            return await action(response);
        }
        catch (FirewallCommandException ex)
        {
            Console.Error.WriteLine($"rustids: firewall: {ex.Message}");
            return ExitCodes.EnvironmentFailure;
        }
    }

    /// <summary>What the firewall holds, or null when it cannot be read (not root, not set up).</summary>
    private static async Task<HashSet<(Cidr, FirewallAction)>?> ReadFirewallAsync(RustIdsOptions options, string? backendName, CancellationToken cancellation)
    {
        try
        {
            var backend = ResponseComponents.CreateBackend(options.Firewall, backendName ?? options.Firewall.Backend, TimeProvider.System, NullLoggerFactory.Instance);
            if (backend is DryRunBackend)
                return null;
            return (await backend.ListAsync(cancellation)).Select(e => e.Key).ToHashSet();
        }
        catch (FirewallCommandException ex)
        {
            Console.Error.WriteLine($"rustids: cannot read the firewall ({ex.Message.Split('\n')[0]}); FIREWALL column unknown");
            return null;
        }
    }

    private static string Describe(BlockOutcome outcome) => (outcome.Kind, outcome.Action) switch
    {
        (BlockOutcomeKind.Blocked, FirewallAction.RateLimit) => "rate-limited",
        (BlockOutcomeKind.Blocked, _) when outcome.AggregatedInto is { } prefix => $"blocked as part of {prefix}",
        (BlockOutcomeKind.Blocked, _) => "blocked",
        (BlockOutcomeKind.Extended, _) => "extended",
        (BlockOutcomeKind.RefusedAllowlisted, _) => "refused, allowlisted",
        (BlockOutcomeKind.RefusedCapacity, _) => "refused, block cap reached",
        _ => "not changed",
    };

    private static Argument<string> TargetArgument() => new("TARGET") { Description = "IPv4 or IPv6 address, or CIDR prefix (10.0.0.0/24, 2001:db8::/64)." };

    private static Option<string?> DatabaseOption() => new("--db") { Description = "SQLite database (default: Storage:DatabasePath).", HelpName = "FILE" };

    private static Option<string?> FirewallOption()
    {
        var option = new Option<string?>("--firewall") { Description = "auto, nftables, iptables or dry-run (default: Firewall:Backend)." };
        option.AcceptOnlyFromAmong([.. FirewallBackendNames.All]);
        return option;
    }

    private static bool TryTarget(string text, out Cidr target)
    {
        if (FirewallTarget.TryParse(text, out target, out var error))
            return true;
        Console.Error.WriteLine($"rustids: {error}");
        return false;
    }

    private static string FirewallState(BlockRecord block, HashSet<(Cidr, FirewallAction)>? present) =>
        present is null ? "unknown" : present.Contains((block.Target, block.Action)) ? "present" : "MISSING";

    private static int PrintTable(IReadOnlyList<BlockRecord> blocks, HashSet<(Cidr, FirewallAction)>? present)
    {
        if (blocks.Count == 0)
        {
            Console.WriteLine("no active blocks");
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{"TARGET",-43} {"ACTION",-10} {"SCORE",5} {"LEVEL",5}  {"SINCE (UTC)",-19}  {"UNTIL (UTC)",-19}  {"FIREWALL",-8}  WHY");
        foreach (var block in blocks)
        {
            Console.WriteLine(
                $"{block.TargetText,-43} {(block.Action == FirewallAction.Block ? "block" : "rate-limit"),-10} {block.Score,5} {block.EscalationLevel,5}  " +
                $"{Time(block.CreatedAt),-19}  {Time(block.ExpiresAt),-19}  {FirewallState(block, present),-8}  {Why(block)}");
        }
        if (present is not null && blocks.Any(b => !present.Contains((b.Target, b.Action))))
            Console.WriteLine("MISSING entries are restored by the running daemon within Firewall:ReconcileInterval.");
        return ExitCodes.Ok;
    }

    /// <summary>The operator's reason for a manual block, else the rules that fired.</summary>
    private static string Why(BlockRecord block)
    {
        if (!block.Manual)
            return block.Rules;
        using var reasons = JsonDocument.Parse(string.IsNullOrEmpty(block.ReasonsJson) ? "[]" : block.ReasonsJson);
        var detail = reasons.RootElement.ValueKind == JsonValueKind.Array && reasons.RootElement.GetArrayLength() > 0
            && reasons.RootElement[0].TryGetProperty("Detail", out var text) ? text.GetString() : null;
        return "manual: " + (detail ?? "(no reason given)");
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static int PrintJson(IReadOnlyList<BlockRecord> blocks, HashSet<(Cidr, FirewallAction)>? present)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var block in blocks)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", block.Id);
            writer.WriteString("target", block.TargetText);
            writer.WriteString("action", block.Action == FirewallAction.Block ? "block" : "rate-limit");
            writer.WriteNumber("score", block.Score);
            writer.WriteNumber("escalation_level", block.EscalationLevel);
            writer.WriteString("created_at", block.CreatedAt);
            writer.WriteString("expires_at", block.ExpiresAt);
            writer.WriteString("firewall", FirewallState(block, present).ToLowerInvariant());
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
