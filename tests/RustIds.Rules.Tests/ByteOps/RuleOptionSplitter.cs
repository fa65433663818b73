namespace RustIds.Rules.Tests.ByteOps;

/// <summary>Test helper: splits the option list of a rule line into (name, value) pairs, honouring quotes.</summary>
internal static class RuleOptionSplitter
{
    public static List<(string Name, string Value)> Split(string line)
    {
        var options = new List<(string, string)>();
        int open = line.IndexOf('(', StringComparison.Ordinal);
        int close = line.LastIndexOf(')');
        if (open < 0 || close <= open)
        {
            return options;
        }

        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = open + 1; i < close; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < close)
            {
                current.Append(c).Append(line[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                Add(options, current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        Add(options, current.ToString());
        return options;
    }

    private static void Add(List<(string, string)> options, string option)
    {
        string trimmed = option.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        options.Add(colon < 0 ? (trimmed, string.Empty) : (trimmed[..colon].Trim(), trimmed[(colon + 1)..]));
    }
}
