namespace RustIds.Rules.Pcre;

/// <summary>Collects Suricata pcre variable captures: prefixed group names and the trailing <c>, flow:name</c> list.</summary>
/// <remarks>
/// <c>(?P&lt;flow_ua&gt;...)</c> stores group "ua" in a flow variable; prefixes are <c>pkt_</c>, <c>flow_</c>,
/// <c>tx_</c> and <c>alert_</c>. The list form names groups 1, 2, ... in order. Other named groups are plain groups.
/// </remarks>
internal static class PcreCaptureParser
{
    /// <summary>Suricata's limit on capture variables per pcre option.</summary>
    private const int MaxCaptures = 16;

    private static readonly (string Prefix, PcreCaptureScope Scope)[] Scopes =
    [
        ("pkt", PcreCaptureScope.Packet),
        ("flow", PcreCaptureScope.Flow),
        ("tx", PcreCaptureScope.Transaction),
        ("alert", PcreCaptureScope.Alert),
    ];

    /// <summary>
    /// Index of the comma that starts a capture list inside the quotes (<c>/flags, flow:x</c>), or <paramref name="close"/>.
    /// </summary>
    /// <remarks>The comma must follow <c>/</c> plus flag letters and precede a scope word and a colon.</remarks>
    public static int FindListStart(string value, int bodyStart, int close)
    {
        for (int k = bodyStart; k < close; k++)
        {
            if (value[k] != ',' || ScopeOf(value, PcreParser.SkipSpace(value, k + 1)) < 0)
            {
                continue;
            }

            int f = k - 1;
            while (f > bodyStart && char.IsWhiteSpace(value[f]))
            {
                f--;
            }

            while (f > bodyStart && char.IsAsciiLetter(value[f]))
            {
                f--;
            }

            if (f > bodyStart && value[f] == '/')
            {
                return k;
            }
        }

        return close;
    }

    /// <summary>Parses the list between <paramref name="listStart"/> and <paramref name="close"/> plus prefixed group names.</summary>
    public static bool TryParse(string value, int listStart, int close, PcreTranslation translation,
        out IReadOnlyList<PcreCapture> captures, out string? error, out int errorOffset)
    {
        captures = [];
        error = null;
        errorOffset = -1;
        var list = new List<PcreCapture>();
        foreach (var (name, number) in translation.GroupNames)
        {
            foreach (var (prefix, scope) in Scopes)
            {
                if (name.Length > prefix.Length + 1 && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '_')
                {
                    list.Add(new PcreCapture(number, scope, name[(prefix.Length + 1)..]));
                    break;
                }
            }
        }

        list.Sort(static (a, b) => a.GroupIndex.CompareTo(b.GroupIndex));
        int after = PcreParser.SkipSpace(value, close + 1);
        if (after < value.Length)
        {
            return PcreParser.Fail("unexpected text after the quoted pattern", after, out error, out errorOffset);
        }

        int group = 0;
        int i = listStart;
        while (i < close)
        {
            int entry = PcreParser.SkipSpace(value, i + 1);
            int end = value.IndexOf(',', entry, close - entry);
            end = end < 0 ? close : end;
            string item = value[entry..end].TrimEnd();
            int scopeIndex = ScopeOf(item, 0);
            int colon = scopeIndex < 0 ? -1 : Scopes[scopeIndex].Prefix.Length;
            if (scopeIndex < 0 || colon == item.Length - 1)
            {
                return PcreParser.Fail("capture list entry must be pkt:name, flow:name, tx:name or alert:name", entry,
                    out error, out errorOffset);
            }

            group++;
            if (group > translation.GroupCount)
            {
                return PcreParser.Fail($"capture list names group {group} but the pattern has {translation.GroupCount}", entry,
                    out error, out errorOffset);
            }

            list.Add(new PcreCapture(group, Scopes[scopeIndex].Scope, item[(colon + 1)..]));
            i = end;
        }

        if (list.Count > MaxCaptures)
        {
            return PcreParser.Fail($"more than {MaxCaptures} capture variables", listStart, out error, out errorOffset);
        }

        captures = list;
        return true;
    }

    /// <summary>Index into the scope table of the "scope:" word at <paramref name="at"/>, or -1.</summary>
    private static int ScopeOf(string text, int at)
    {
        for (int s = 0; s < Scopes.Length; s++)
        {
            string p = Scopes[s].Prefix;
            if (at + p.Length < text.Length && string.CompareOrdinal(text, at, p, 0, p.Length) == 0 && text[at + p.Length] == ':')
            {
                return s;
            }
        }

        return -1;
    }
}
