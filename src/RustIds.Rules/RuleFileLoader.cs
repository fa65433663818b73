using System.Globalization;
using System.Text;

namespace RustIds.Rules;

/// <summary>Loads rule files: joins continuation lines, skips comments, counts disabled rules, resolves duplicate sids.</summary>
/// <remarks>A bad rule never stops the others and a missing file is a diagnostic, never an exception.</remarks>
public sealed partial class RuleFileLoader
{
    private static readonly string[] DisabledPrefixes = ["alert", "drop", "reject", "pass", "log", "sdrop", "rejectsrc", "rejectdst", "rejectboth"];

    private readonly RuleParser _parser;
    private readonly Management.RuleManagementPolicy? _policy;

    /// <summary>Creates a loader; defaults are Suricata's variables and the built-in classtypes.</summary>
    /// <param name="variables">Address and port variables.</param>
    /// <param name="classifications">classtype table.</param>
    /// <param name="policy">enable.conf, disable.conf, modify.conf and drop.conf, applied to each rule's text before it is parsed.</param>
    public RuleFileLoader(RuleVariables? variables = null, ClassificationTable? classifications = null, Management.RuleManagementPolicy? policy = null)
    {
        _parser = new RuleParser(variables, classifications);
        _policy = policy;
    }

    /// <summary>Loads files in order; duplicates across files are resolved by revision.</summary>
    public RuleLoadResult LoadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var state = new LoadState();
        foreach (var path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                var message = ex is FileNotFoundException or DirectoryNotFoundException ? "rule file not found" : $"cannot read rule file: {ex.Message}";
                state.Diagnostics.Add(new RuleDiagnostic(path, 1, 1, null, DiagnosticSeverity.Error, RuleDiagnosticKind.Io, message));
                continue;
            }
            state.FileCount++;
            LoadInto(state, text, path);
        }
        return state.ToResult();
    }

    /// <summary>Loads rules from text, as if it were a file named <paramref name="fileName"/>.</summary>
    public RuleLoadResult LoadText(string text, string fileName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new LoadState { FileCount = 1 };
        LoadInto(state, text, fileName);
        return state.ToResult();
    }

    private void LoadInto(LoadState state, string text, string file)
    {
        if (_policy is not null)
        {
            LoadWithPolicy(state, text, file, _policy);
            return;
        }
        var lines = text.Split('\n');
        // A file with Snort 3 'service:' options is Snort 3 throughout, also its rules that show no other sign of it.
        var snort3 = Array.Exists(lines, l => !l.TrimStart().StartsWith('#') && ServiceOption().IsMatch(l));
        var logical = new StringBuilder();
        var segments = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.AsSpan().TrimStart();
            if (trimmed.IsEmpty)
                continue;
            if (trimmed[0] == '#')
            {
                if (IsDisabledRule(trimmed[1..]))
                    state.DisabledCount++;
                continue;
            }
            var firstLine = i + 1;
            logical.Clear();
            segments.Clear();
            while (true)
            {
                var content = line.AsSpan().TrimEnd();
                segments.Add(logical.Length);
                if (content.EndsWith('\\') && i + 1 < lines.Length)
                {
                    logical.Append(content[..^1]);
                    i++;
                    line = lines[i].TrimEnd('\r');
                    continue;
                }
                logical.Append(line);
                break;
            }
            ParseOne(state, new RuleSource(file, firstLine, logical.ToString(), [.. segments]), snort3);
        }
    }

    /// <summary>With a rule management policy: each rule line (commented-out ones too) goes through it, then enabled ones are parsed.</summary>
    private void LoadWithPolicy(LoadState state, string text, string file, Management.RuleManagementPolicy policy)
    {
        var snort3 = ServiceOption().IsMatch(text);
        foreach (var line in Management.RuleLineReader.Read(text, file))
        {
            var managed = policy.Apply(line, out _);
            if (!managed.Enabled)
            {
                state.DisabledCount++;
                continue;
            }
            ParseOne(state, new RuleSource(file, managed.Line, managed.Text, [0]), snort3);
        }
    }

    /// <summary>Parses one active rule and records it, or why it was rejected.</summary>
    private void ParseOne(LoadState state, RuleSource source, bool snort3)
    {
        var before = state.Diagnostics.Count;
        var rule = _parser.Parse(source, state.Diagnostics, snort3);
        state.ActiveCount++;
        if (rule is not null)
            state.Add(rule);
        else
            state.CountRejected(before);
    }

    private static bool IsDisabledRule(ReadOnlySpan<char> afterHash)
    {
        var text = afterHash.TrimStart(" \t#");
        foreach (var prefix in DisabledPrefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length && char.IsWhiteSpace(text[prefix.Length]))
                return true;
        }
        return false;
    }

    private sealed class LoadState
    {
        private readonly Dictionary<(long Gid, long Sid), int> _bySid = [];

        public List<Rule> Rules { get; } = [];

        public List<RuleDiagnostic> Diagnostics { get; } = [];

        public int DisabledCount { get; set; }

        public int ActiveCount { get; set; }

        public int SyntaxRejected { get; private set; }

        public int UnsupportedRejected { get; private set; }

        public int OtherRejected { get; private set; }

        public Dictionary<string, int> HeldBack { get; } = new(StringComparer.Ordinal);

        /// <summary>Classifies a rejected rule by its diagnostics from <paramref name="first"/> on: a syntax error wins over an unsupported feature.</summary>
        public void CountRejected(int first)
        {
            var errors = Diagnostics.Skip(first).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Exists(d => d.Kind == RuleDiagnosticKind.Syntax))
            {
                SyntaxRejected++;
            }
            else if (errors.Exists(d => d.Kind == RuleDiagnosticKind.Unsupported))
            {
                UnsupportedRejected++;
                foreach (var feature in errors.Where(d => d.Feature is not null).Select(d => d.Feature!).Distinct(StringComparer.Ordinal))
                    HeldBack[feature] = HeldBack.GetValueOrDefault(feature) + 1;
            }
            else
            {
                OtherRejected++;
            }
        }

        public int FileCount { get; set; }

        public void Add(Rule rule)
        {
            if (!_bySid.TryGetValue((rule.Gid, rule.Sid), out var index))
            {
                _bySid.Add((rule.Gid, rule.Sid), Rules.Count);
                Rules.Add(rule);
                return;
            }
            var existing = Rules[index];
            var (kept, dropped) = rule.Rev > existing.Rev ? (rule, existing) : (existing, rule);
            Rules[index] = kept;
            Diagnostics.Add(new RuleDiagnostic(
                dropped.File, dropped.Line, 1, rule.Sid, DiagnosticSeverity.Warning, RuleDiagnosticKind.Duplicate,
                string.Create(CultureInfo.InvariantCulture, $"duplicate rule {rule.Gid}:{rule.Sid}; rev {dropped.Rev} ignored, rev {kept.Rev} from {kept.File}:{kept.Line} kept")));
        }

        public RuleLoadResult ToResult() => new(Rules.ToArray(), Diagnostics.ToArray(), DisabledCount, FileCount)
        {
            ActiveCount = ActiveCount,
            SyntaxRejected = SyntaxRejected,
            UnsupportedRejected = UnsupportedRejected,
            OtherRejected = OtherRejected,
            HeldBack = HeldBack,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[;(]\s*service\s*:")]
    private static partial System.Text.RegularExpressions.Regex ServiceOption();
}
