using System.Globalization;
using System.Text;

namespace RustIds.Response.Iptables;

/// <summary>Builds the <c>iptables-restore --noflush</c> transactions of one family: our chains, their rules and the jumps to them.</summary>
/// <remarks>
/// Every script is one <c>*filter</c> section ended by <c>COMMIT</c>, which iptables applies as
/// one transaction: the chain is never seen flushed but not yet refilled. Only the chains
/// <c>RUSTIDS</c> and <c>RUSTIDS_OUT</c> and the jumps to them in <c>INPUT</c>, <c>FORWARD</c>
/// and <c>OUTPUT</c> are touched.
/// </remarks>
internal static class IptablesScript
{
    /// <summary>Our chain for traffic from sources (input and forward).</summary>
    public const string Chain = "RUSTIDS";

    /// <summary>Our chain for traffic to destinations (output, with <see cref="FirewallOptions.HookOutput"/>).</summary>
    public const string OutChain = "RUSTIDS_OUT";

    /// <summary>
    /// Declares and rewrites both chains; with <paramref name="currentRules"/> (the family's
    /// <c>iptables -S</c>) also leaves exactly one jump at position 1 of each hooked chain.
    /// </summary>
    public static string BuildChains(FirewallOptions options, bool v6, IReadOnlyCollection<FeedSetName> feeds, string? currentRules)
    {
        var digit = v6 ? '6' : '4';
        var rate = options.RateLimit.PacketsPerSecond.ToString(CultureInfo.InvariantCulture);
        var burst = options.RateLimit.Burst.ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder(1024);
        script.Append("*filter\n");
        script.Append(':').Append(Chain).Append(" - [0:0]\n");
        script.Append(':').Append(OutChain).Append(" - [0:0]\n");
        script.Append("-F ").Append(Chain).Append('\n');
        script.Append("-F ").Append(OutChain).Append('\n');

        // No "ESTABLISHED accept" ahead of these: connections an offender already has open are dropped too.
        // The allowlist returns first, so nothing below can drop it.
        MatchRule(script, Chain, $"rustids_allow{digit}", "src", "-j RETURN");
        MatchRule(script, Chain, $"rustids_block{digit}", "src", "-j DROP");
        MatchRule(script, Chain, $"rustids_blocknet{digit}", "src", "-j DROP");
        foreach (var set in (ReadOnlySpan<string>)["rustids_rl", "rustids_rlnet"])
        {
            // hashlimit keyed by source address: one noisy member of a rate-limited prefix cannot use up the others' allowance.
            var name = set + digit;
            MatchRule(script, Chain, name, "src",
                $"-m hashlimit --hashlimit-above {rate}/sec --hashlimit-burst {burst} --hashlimit-mode srcip --hashlimit-name {name} -j DROP");
        }
        foreach (var feed in feeds)
            MatchRule(script, Chain, IpsetLayout.Feed(feed, v6), "src", "-j DROP");

        MatchRule(script, OutChain, $"rustids_allow{digit}", "dst", "-j RETURN");
        MatchRule(script, OutChain, $"rustids_block{digit}", "dst", "-j DROP");
        MatchRule(script, OutChain, $"rustids_blocknet{digit}", "dst", "-j DROP");

        if (currentRules is not null)
        {
            FixJump(script, currentRules, "INPUT", Chain, wanted: true);
            FixJump(script, currentRules, "FORWARD", Chain, wanted: true);
            FixJump(script, currentRules, "OUTPUT", OutChain, wanted: options.HookOutput);
        }
        script.Append("COMMIT\n");
        return script.ToString();
    }

    /// <summary>Removes every jump to our chains and the chains themselves; null when none of it exists.</summary>
    public static string? BuildTeardown(string currentRules)
    {
        var script = new StringBuilder();
        script.Append("*filter\n");
        var before = script.Length;
        FixJump(script, currentRules, "INPUT", Chain, wanted: false);
        FixJump(script, currentRules, "FORWARD", Chain, wanted: false);
        FixJump(script, currentRules, "OUTPUT", OutChain, wanted: false);
        foreach (var chain in (ReadOnlySpan<string>)[Chain, OutChain])
        {
            if (ChainExists(currentRules, chain))
                script.Append("-F ").Append(chain).Append('\n').Append("-X ").Append(chain).Append('\n');
        }
        if (script.Length == before)
            return null;
        script.Append("COMMIT\n");
        return script.ToString();
    }

    /// <summary>True when <paramref name="currentRules"/> has exactly one jump from <paramref name="hook"/> to <paramref name="target"/>, as its first rule.</summary>
    public static bool JumpIsFirstAndOnly(string currentRules, string hook, string target)
    {
        var (count, first) = CountJumps(currentRules, hook, target);
        return count == 1 && first;
    }

    private static void FixJump(StringBuilder script, string currentRules, string hook, string target, bool wanted)
    {
        var (count, first) = CountJumps(currentRules, hook, target);
        if (wanted && count == 1 && first)
            return;
        for (var i = 0; i < count; i++)
            script.Append("-D ").Append(hook).Append(" -j ").Append(target).Append('\n');
        if (wanted)
            script.Append("-I ").Append(hook).Append(" 1 -j ").Append(target).Append('\n');
    }

    /// <summary>How many <c>-A HOOK -j TARGET</c> rules there are, and whether the hook's first rule is one.</summary>
    private static (int Count, bool First) CountJumps(string currentRules, string hook, string target)
    {
        var jump = $"-A {hook} -j {target}";
        var append = $"-A {hook} ";
        var count = 0;
        var seenAny = false;
        var first = false;
        foreach (var range in currentRules.AsSpan().Split('\n'))
        {
            var line = currentRules.AsSpan()[range].Trim();
            if (!line.StartsWith(append))
                continue;
            var isJump = line.SequenceEqual(jump);
            if (!seenAny)
                first = isJump;
            seenAny = true;
            if (isJump)
                count++;
        }
        return (count, first);
    }

    private static bool ChainExists(string currentRules, string chain)
    {
        var declaration = "-N " + chain;
        foreach (var range in currentRules.AsSpan().Split('\n'))
        {
            if (currentRules.AsSpan()[range].Trim().SequenceEqual(declaration))
                return true;
        }
        return false;
    }

    private static void MatchRule(StringBuilder script, string chain, string set, string direction, string rest) =>
        script.Append("-A ").Append(chain).Append(" -m set --match-set ").Append(set).Append(' ').Append(direction).Append(' ').Append(rest).Append('\n');
}
