using System.Globalization;

namespace RustIds.Rules;

/// <summary>State of parsing one rule: its source, its sid (for diagnostics) and whether it failed.</summary>
internal sealed class RuleParseSession
{
    private readonly ICollection<RuleDiagnostic> _diagnostics;

    public RuleParseSession(RuleSource source, ICollection<RuleDiagnostic> diagnostics)
    {
        Source = source;
        _diagnostics = diagnostics;
        Sid = PrescanSid(source.Text);
    }

    public RuleSource Source { get; }

    public string Text => Source.Text;

    /// <summary>Read the options as Snort 3 syntax (sticky <c>http_uri</c>, <c>content:"x",nocase</c>).</summary>
    public bool Snort3 { get; set; }

    /// <summary>The sid found by a quick scan before parsing, so early errors can name it.</summary>
    public long? Sid { get; }

    public int ErrorCount { get; private set; }

    public void Error(int offset, RuleDiagnosticKind kind, string message) =>
        Report(offset, DiagnosticSeverity.Error, kind, message);

    /// <summary>A feature rustids does not support: the rule is held back and <paramref name="feature"/> counted in <c>rules check</c>.</summary>
    public void Unsupported(int offset, string feature, string message) =>
        Report(offset, DiagnosticSeverity.Error, RuleDiagnosticKind.Unsupported, message, feature);

    public void Warning(int offset, RuleDiagnosticKind kind, string message) =>
        Report(offset, DiagnosticSeverity.Warning, kind, message);

    private void Report(int offset, DiagnosticSeverity severity, RuleDiagnosticKind kind, string message, string? feature = null)
    {
        if (severity == DiagnosticSeverity.Error)
            ErrorCount++;
        var (line, column) = Source.Locate(offset);
        _diagnostics.Add(new RuleDiagnostic(Source.File, line, column, Sid, severity, kind, message) { Feature = feature });
    }

    private static long? PrescanSid(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
            return null;
        var index = open;
        while ((index = text.IndexOf("sid", index + 1, StringComparison.Ordinal)) > 0)
        {
            var before = index - 1;
            while (before > open && char.IsWhiteSpace(text[before]))
                before--;
            var after = index + 3;
            while (after < text.Length && char.IsWhiteSpace(text[after]))
                after++;
            if ((text[before] == ';' || before == open) && after < text.Length && text[after] == ':')
            {
                var start = after + 1;
                while (start < text.Length && char.IsWhiteSpace(text[start]))
                    start++;
                var end = start;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                    end++;
                return long.TryParse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? sid : null;
            }
        }
        return null;
    }
}
