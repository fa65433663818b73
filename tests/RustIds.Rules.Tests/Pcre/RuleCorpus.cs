namespace RustIds.Rules.Tests.Pcre;

/// <summary>Pulls every <c>pcre:</c> option value out of the active lines of a rules file.</summary>
internal static class RuleCorpus
{
    public static readonly string EtOpenDir = Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules", "et-open");
    public static readonly string Snort3File = Path.Combine(RustIds.Testing.RepoPaths.SharedData, "rules", "snort3-community", "snort3-community.rules");

    public static IEnumerable<string> EtOpenFiles() =>
        Directory.Exists(EtOpenDir) ? Directory.EnumerateFiles(EtOpenDir, "*.rules").Order(StringComparer.Ordinal) : [];

    public static List<string> PcreValues(IEnumerable<string> files)
    {
        var values = new List<string>();
        foreach (string file in files)
        {
            foreach (string raw in File.ReadLines(file))
            {
                string line = raw.TrimStart();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                int open = line.IndexOf('(', StringComparison.Ordinal);
                if (open >= 0)
                {
                    CollectOptions(line, open + 1, values);
                }
            }
        }

        return values;
    }

    /// <summary>Splits options on unescaped ';' (as Suricata does; quotes do not protect it); keeps pcre values.</summary>
    private static void CollectOptions(string line, int from, List<string> values)
    {
        int i = from;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            int start = i;
            while (i < line.Length)
            {
                char c = line[i];
                if (c == '\\')
                {
                    i += 2;
                    continue;
                }

                if (c == ';')
                {
                    break;
                }

                i++;
            }

            string option = line[start..Math.Min(i, line.Length)];
            i++;
            if (option.StartsWith("pcre:", StringComparison.Ordinal))
            {
                values.Add(option[5..]);
            }
        }
    }
}
