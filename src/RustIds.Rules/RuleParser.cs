namespace RustIds.Rules;

/// <summary>Parses one Snort/Suricata rule into a <see cref="Rule"/>, reporting every problem as a diagnostic.</summary>
/// <remarks>Stateless apart from its configuration; safe to reuse, not to share across threads while variables change.</remarks>
public sealed class RuleParser
{
    private readonly RuleVariables _variables;
    private readonly ClassificationTable _classifications;

    /// <summary>Creates a parser; defaults are Suricata's variables and the built-in classtypes.</summary>
    public RuleParser(RuleVariables? variables = null, ClassificationTable? classifications = null)
    {
        _variables = variables ?? RuleVariables.CreateDefault();
        _classifications = classifications ?? ClassificationTable.CreateDefault();
    }

    /// <summary>Parses a single-line rule; returns null when it has errors (which go to <paramref name="diagnostics"/>).</summary>
    public Rule? Parse(string text, string file, int line, ICollection<RuleDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(new RuleSource(file, line, text, [0]), diagnostics);
    }

    internal Rule? Parse(RuleSource source, ICollection<RuleDiagnostic> diagnostics, bool snort3 = false)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var session = new RuleParseSession(source, diagnostics) { Snort3 = snort3 };
        var ruleAt = 0;
        while (ruleAt < source.Text.Length && char.IsWhiteSpace(source.Text[ruleAt]))
            ruleAt++;
        var header = RuleHeaderParser.Parse(session, _variables, out var open);
        if (open < 0)
            return null;
        var body = RuleOptionParser.Parse(session, _classifications, header, open, ruleAt);
        if (header is null || body is null)
            return null;
        return new Rule(header, body, source.File, source.FirstLine, source.Text.Trim());
    }
}
