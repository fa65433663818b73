using System.Globalization;
using System.Runtime.CompilerServices;

namespace RustIds.Rules.Management;

/// <summary>Cheap checks on rule text: the action word, the rule shape and the options matchers need.</summary>
internal static class RuleText
{
    // Suricata 7 actions plus the Snort-era ones suricata-update still recognises.
    private static readonly string[] Actions =
    [
        "alert", "drop", "pass", "reject", "rejectsrc", "rejectdst", "rejectboth", "sdrop", "log", "activate",
        "dynamic", "config",
    ];

    /// <summary>Returns the length of the action word <paramref name="text"/> starts with, or 0.</summary>
    /// <param name="text">Rule text with no leading whitespace.</param>
    /// <returns>The action length when followed by whitespace or <c>(</c>, else 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ActionLength(ReadOnlySpan<char> text)
    {
        foreach (string action in Actions)
        {
            if (text.StartsWith(action, StringComparison.Ordinal) && text.Length > action.Length
                && (char.IsWhiteSpace(text[action.Length]) || text[action.Length] == '('))
            {
                return action.Length;
            }
        }

        return 0;
    }

    /// <summary>Checks that the text starts with an action, has an option list and ends with <c>)</c>.</summary>
    /// <param name="text">The candidate rule text.</param>
    /// <returns>True when the text has the shape of a rule.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LooksLikeRule(ReadOnlySpan<char> text)
    {
        int action = ActionLength(text);
        if (action == 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = text[action..].TrimEnd();
        return rest.Length >= 2 && rest[^1] == ')' && rest.IndexOf('(') >= 0;
    }

    /// <summary>Scans the rule text once for what matchers need.</summary>
    /// <param name="text">The rule text (without a leading <c>#</c>).</param>
    /// <returns>The facts; <see cref="RuleFacts.IsRule"/> is false for text that is not a rule.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RuleFacts Scan(ReadOnlySpan<char> text)
    {
        if (!LooksLikeRule(text))
        {
            return default;
        }

        long gid = 1, sid = -1, rev = -1;
        bool noAlert = false;
        int metadataCount = 0, metadataStart = 0, metadataLength = 0;
        var options = new RuleOptionEnumerator(text);
        while (options.MoveNext())
        {
            ReadOnlySpan<char> name = options.Name;
            if (name.SequenceEqual("sid"))
            {
                sid = ParseId(options.Value);
            }
            else if (name.SequenceEqual("gid"))
            {
                gid = ParseId(options.Value);
            }
            else if (name.SequenceEqual("rev"))
            {
                rev = ParseId(options.Value);
            }
            else if (name.SequenceEqual("metadata"))
            {
                if (metadataCount++ == 0)
                {
                    (metadataStart, metadataLength) = (options.ValueStart, options.Value.Length);
                }
            }
            else if (name.SequenceEqual("noalert")
                || (name.SequenceEqual("flowbits") && options.Value.SequenceEqual("noalert")))
            {
                noAlert = true;
            }
        }

        return new RuleFacts(
            true, ActionLength(text), gid, sid, rev, noAlert, metadataCount, metadataStart, metadataLength);
    }

    /// <summary>Checks whether any <c>metadata</c> entry of the rule equals <c>key value</c>, ignoring case.</summary>
    /// <param name="text">The rule text.</param>
    /// <param name="facts">The scan of <paramref name="text"/> (locates the metadata option).</param>
    /// <param name="key">The metadata key.</param>
    /// <param name="value">The metadata value (may contain spaces).</param>
    /// <returns>True when an entry matches.</returns>
    /// <remarks>An entry is split at its first space into key and value, as suricata-update does.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool HasMetadata(ReadOnlySpan<char> text, in RuleFacts facts, string key, string value)
    {
        if (facts.MetadataCount == 1)
        {
            return ListHas(text.Slice(facts.MetadataStart, facts.MetadataLength), key, value);
        }

        var options = new RuleOptionEnumerator(text);
        while (facts.MetadataCount > 1 && options.MoveNext())
        {
            if (options.Name.SequenceEqual("metadata") && ListHas(options.Value, key, value))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ListHas(ReadOnlySpan<char> list, string key, string value)
    {
        foreach (Range range in list.Split(','))
        {
            ReadOnlySpan<char> entry = list[range].Trim();
            int space = entry.IndexOf(' ');
            if (space > 0
                && entry[..space].Equals(key, StringComparison.OrdinalIgnoreCase)
                && entry[(space + 1)..].Trim().Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a non-negative decimal id, or returns -1.</summary>
    /// <param name="value">The option value.</param>
    /// <returns>The number, or -1 when it is not a plain non-negative integer.</returns>
    public static long ParseId(ReadOnlySpan<char> value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : -1;
}
