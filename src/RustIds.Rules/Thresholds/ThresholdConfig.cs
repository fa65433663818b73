namespace RustIds.Rules.Thresholds;

/// <summary>A parsed threshold.config: suppress, threshold/event_filter and rate_filter lines, merged into rules at compile time.</summary>
/// <remarks>
/// <para>Syntax (Suricata "Global-Thresholds"): one statement per line, <c>#</c> comment lines, blank lines, CRLF or LF,
/// and a trailing <c>\</c> continues a statement on the next line. Bad statements are reported with line:column and skipped.</para>
/// <para>Wildcards: <c>gen_id 0, sig_id 0</c> is every rule, <c>gen_id G, sig_id 0</c> every rule of generator G;
/// <c>gen_id 0</c> with a non-zero sig_id is an error, as in Suricata.</para>
/// <para>Immutable after <see cref="Parse"/>; safe to share between threads.</para>
/// </remarks>
public sealed class ThresholdConfig
{
    private readonly List<ThresholdConfigDirective> _directives;
    private readonly Dictionary<(long Gid, long Sid), List<int>> _bySignature = [];
    private readonly Dictionary<long, List<int>> _byGenerator = [];
    private readonly List<int> _global = [];

    private ThresholdConfig(string fileName, List<ThresholdConfigDirective> directives)
    {
        FileName = fileName;
        _directives = directives;
        for (var i = 0; i < directives.Count; i++)
        {
            var d = directives[i];
            if (d.GenId == 0)
                _global.Add(i);
            else if (d.SigId == 0)
                Bucket(_byGenerator, d.GenId).Add(i);
            else
                Bucket(_bySignature, (d.GenId, d.SigId)).Add(i);
        }
    }

    /// <summary>An empty configuration.</summary>
    public static ThresholdConfig Empty { get; } = new("", []);

    /// <summary>The file name the configuration was parsed from (for diagnostics).</summary>
    public string FileName { get; }

    /// <summary>Every valid statement in file order (for reporting lines that name unknown rules).</summary>
    public IReadOnlyList<ThresholdConfigDirective> Directives => _directives;

    /// <summary>Parses a whole threshold.config text; every problem is added to <paramref name="errors"/> and its statement skipped.</summary>
    /// <param name="text">The file contents.</param>
    /// <param name="fileName">Name used in diagnostics.</param>
    /// <param name="resolveVariable">Resolves <c>$NAME</c> in suppress <c>ip</c> values (name without <c>$</c>); null when unknown.</param>
    /// <param name="errors">Receives one entry per bad statement.</param>
    public static ThresholdConfig Parse(string text, string fileName, Func<string, string?> resolveVariable, ICollection<ThresholdConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(resolveVariable);
        ArgumentNullException.ThrowIfNull(errors);
        var directives = new List<ThresholdConfigDirective>();
        var statement = new LogicalLine();
        var lineNumber = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
                end = text.Length;
            var physical = text.AsSpan(position, end - position).TrimEnd('\r');
            lineNumber++;
            position = end + 1;
            var trimmed = physical.TrimEnd();
            var continues = trimmed.EndsWith('\\');
            if (statement.FirstLine == 0 && IsBlankOrComment(physical))
                continue;
            statement.Append(continues ? trimmed[..^1] : physical, lineNumber);
            if (continues && position <= text.Length)
                continue;
            ParseStatement(statement, fileName, resolveVariable, directives, errors);
            statement.Clear();
        }
        return new ThresholdConfig(fileName, directives);
    }

    /// <summary>Merges the rule's own threshold/detection_filter with this file, as Suricata does when it loads threshold.config.</summary>
    /// <remarks>
    /// Statements are applied in file order. A specific threshold (gid and sid given) replaces the rule's threshold or
    /// detection_filter; a wildcard threshold or rate_filter only fills in for rules that have none; a specific rate_filter
    /// is ignored when the rule already has a threshold or detection_filter (Suricata bug 425). Suppress lines all apply.
    /// </remarks>
    /// <param name="gid">The rule's generator id (1 unless the rule sets <c>gid</c>).</param>
    /// <param name="sid">The rule's signature id.</param>
    /// <param name="ruleThreshold">The rule's <c>threshold</c> keyword, or null.</param>
    /// <param name="ruleFilter">The rule's <c>detection_filter</c> keyword, or null.</param>
    public RuleThresholds For(long gid, long sid, ThresholdSpec? ruleThreshold, DetectionFilterSpec? ruleFilter) =>
        For(gid, sid, ruleThreshold, ruleFilter, null);

    /// <summary>As <see cref="For(long, long, ThresholdSpec?, DetectionFilterSpec?)"/>, reporting statements that were ignored for this rule.</summary>
    /// <param name="gid">The rule's generator id.</param>
    /// <param name="sid">The rule's signature id.</param>
    /// <param name="ruleThreshold">The rule's <c>threshold</c> keyword, or null.</param>
    /// <param name="ruleFilter">The rule's <c>detection_filter</c> keyword, or null.</param>
    /// <param name="warnings">Receives a warning per specific statement that Suricata would ignore for this rule; may be null.</param>
    public RuleThresholds For(long gid, long sid, ThresholdSpec? ruleThreshold, DetectionFilterSpec? ruleFilter, ICollection<ThresholdConfigError>? warnings)
    {
        var merge = new RuleThresholdMerge(ruleThreshold, ruleFilter);
        _bySignature.TryGetValue((gid, sid), out var specific);
        _byGenerator.TryGetValue(gid, out var generator);
        int a = 0, b = 0, c = 0;
        while (true)
        {
            // Three ascending index lists merged back into file order.
            var next = int.MaxValue;
            if (specific is not null && a < specific.Count)
                next = specific[a];
            if (generator is not null && b < generator.Count && generator[b] < next)
                next = generator[b];
            if (c < _global.Count && _global[c] < next)
                next = _global[c];
            if (next == int.MaxValue)
                break;
            if (specific is not null && a < specific.Count && specific[a] == next)
                a++;
            else if (generator is not null && b < generator.Count && generator[b] == next)
                b++;
            else
                c++;
            var directive = _directives[next];
            if (!merge.Apply(directive) && warnings is not null && !directive.IsWildcard)
            {
                warnings.Add(new ThresholdConfigError(FileName, directive.Line, 1,
                    $"rate_filter for {gid}:{sid} ignored: the rule has its own threshold or detection_filter, which takes precedence (as in Suricata)"));
            }
        }
        return merge.Build();
    }

    private static void ParseStatement(LogicalLine statement, string fileName, Func<string, string?> resolveVariable,
        List<ThresholdConfigDirective> directives, ICollection<ThresholdConfigError> errors)
    {
        if (IsBlankOrComment(statement.Text))
            return;
        if (ThresholdConfigLineParser.TryParse(statement.Text, statement.FirstLine, resolveVariable, out var directive, out var error, out var offset))
        {
            directives.Add(directive!);
            return;
        }
        var (line, column) = statement.Locate(Math.Max(0, offset));
        errors.Add(new ThresholdConfigError(fileName, line, column, error ?? "invalid statement"));
    }

    private static bool IsBlankOrComment(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return trimmed.IsEmpty || trimmed[0] == '#';
    }

    private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }
        return list;
    }
}
