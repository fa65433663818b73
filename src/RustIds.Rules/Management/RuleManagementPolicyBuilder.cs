namespace RustIds.Rules.Management;

/// <summary>Collects the parsed entries of the four files while a <see cref="RuleManagementPolicy"/> is built.</summary>
internal sealed class RuleManagementPolicyBuilder
{
    private readonly ICollection<RuleManagementError> _errors;
    private readonly RuleManagementOptions _options;
    private readonly List<RuleManagementEntry>[] _entries = [[], [], [], []];
    private readonly List<RuleMatcher>[] _matchers = [[], [], []];

    /// <summary>Initializes the builder.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="options">Regex settings.</param>
    public RuleManagementPolicyBuilder(ICollection<RuleManagementError> errors, RuleManagementOptions options)
    {
        _errors = errors;
        _options = options;
    }

    /// <summary>Gets the parsed modify.conf filters, in file order.</summary>
    public List<ModifyFilter> ModifyFilters { get; } = [];

    /// <summary>Gets the modify.conf entries, parallel to <see cref="ModifyFilters"/>.</summary>
    public List<RuleManagementEntry> ModifyEntries => _entries[(int)RuleManagementStage.Modify];

    /// <summary>Parses one file's text and adds its valid lines.</summary>
    /// <param name="stage">Which file it is.</param>
    /// <param name="file">The name used in errors and entries.</param>
    /// <param name="text">The file contents, or null when the file is not used.</param>
    public void Add(RuleManagementStage stage, string? file, string? text)
    {
        if (text is null || file is null)
        {
            return;
        }

        bool modify = stage == RuleManagementStage.Modify;
        foreach (ConfLine line in ConfLineReader.Read(text, modify))
        {
            int errorColumn;
            string? error;
            if (modify)
            {
                ModifyFilter? filter = ModifyFilterParser.Parse(
                    line.Content, line.Column, _options, out errorColumn, out error);
                if (filter is not null)
                {
                    ModifyFilters.Add(filter);
                }
            }
            else
            {
                RuleMatcher? matcher = RuleMatcherParser.Parse(
                    line.Content, line.Column, _options, out errorColumn, out error);
                if (matcher is not null)
                {
                    _matchers[(int)stage].Add(matcher);
                }
            }

            if (error is null)
            {
                _entries[(int)stage].Add(new RuleManagementEntry(stage, file, line.Line, line.Content));
            }
            else
            {
                _errors.Add(new RuleManagementError(file, line.Line, errorColumn, error));
            }
        }
    }

    /// <summary>Builds the matcher set of enable, disable or drop.conf.</summary>
    /// <param name="stage">The file.</param>
    /// <returns>The matcher set.</returns>
    public MatcherSet Build(RuleManagementStage stage) =>
        new([.. _entries[(int)stage]], [.. _matchers[(int)stage]]);

    /// <summary>Returns every entry in stage order.</summary>
    /// <returns>The entries.</returns>
    public RuleManagementEntry[] AllEntries()
    {
        var all = new List<RuleManagementEntry>();
        foreach (List<RuleManagementEntry> entries in _entries)
        {
            all.AddRange(entries);
        }

        return [.. all];
    }
}
