using System.Globalization;
using RustIds.Reputation.Addresses;

namespace RustIds.Response.Iptables;

/// <summary>Reads what ipset prints: <c>list -o save</c> members, <c>list -n</c> names, <c>list -t</c> headers, restore errors.</summary>
internal static class IpsetOutputParser
{
    /// <summary>Adds every member of a <c>list SET -o save</c> output to <paramref name="entries"/>.</summary>
    /// <remarks>
    /// Lines look like <c>add rustids_block4 192.0.2.1 timeout 57</c>. ipset does not keep the timeout
    /// an element was added with, only what remains, so <see cref="FirewallEntry.Timeout"/> is null;
    /// <c>timeout 0</c> (never added by us) means permanent and gives a null remaining time.
    /// </remarks>
    public static void ParseSave(string output, FirewallAction action, List<FirewallEntry> entries)
    {
        Span<Range> fields = stackalloc Range[6];
        foreach (var range in output.AsSpan().Split('\n'))
        {
            var line = output.AsSpan()[range].Trim();
            if (!line.StartsWith("add "))
                continue;
            var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count < 3 || !Cidr.TryParse(line[fields[2]], out var target))
                throw new FormatException($"Unexpected ipset member line: '{line}'.");
            TimeSpan? remaining = null;
            for (var i = 3; i + 1 < count; i++)
            {
                if (line[fields[i]].SequenceEqual("timeout")
                    && long.TryParse(line[fields[i + 1]], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    remaining = TimeSpan.FromSeconds(seconds);
                }
            }
            entries.Add(new FirewallEntry(target, action, Timeout: null, Remaining: remaining));
        }
    }

    /// <summary>The set names of <c>ipset list -n</c>.</summary>
    public static HashSet<string> ParseNames(string output)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in output.AsSpan().Split('\n'))
        {
            var name = output.AsSpan()[range].Trim();
            if (!name.IsEmpty)
                names.Add(name.ToString());
        }
        return names;
    }

    /// <summary>Set name → "Number of entries" from the headers of <c>ipset list -t</c>.</summary>
    public static Dictionary<string, int> ParseEntryCounts(string output)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? name = null;
        foreach (var range in output.AsSpan().Split('\n'))
        {
            var line = output.AsSpan()[range].Trim();
            if (line.StartsWith("Name: "))
            {
                name = line["Name: ".Length..].Trim().ToString();
            }
            else if (name is not null && line.StartsWith("Number of entries: ")
                && int.TryParse(line["Number of entries: ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var entries))
            {
                counts[name] = entries;
            }
        }
        return counts;
    }

    /// <summary>The line number of <c>ipset v7.17: Error in line 12: ...</c>, or null.</summary>
    public static int? ParseErrorLine(string stderr)
    {
        const string Marker = "Error in line ";
        var start = stderr.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
            return null;
        var digits = stderr.AsSpan(start + Marker.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;
    }
}
