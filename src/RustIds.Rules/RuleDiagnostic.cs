using System.Globalization;

namespace RustIds.Rules;

/// <summary>One problem found while loading rules, located like a compiler message.</summary>
public sealed class RuleDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public RuleDiagnostic(string file, int line, int column, long? sid, DiagnosticSeverity severity, RuleDiagnosticKind kind, string message)
    {
        File = file;
        Line = line;
        Column = column;
        Sid = sid;
        Severity = severity;
        Kind = kind;
        Message = message;
    }

    /// <summary>Path of the rule file as given to the loader.</summary>
    public string File { get; }

    /// <summary>1-based physical line.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>The rule's sid when it could be read.</summary>
    public long? Sid { get; }

    /// <summary>Error (rule not loaded) or warning.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Broad class, for statistics.</summary>
    public RuleDiagnosticKind Kind { get; }

    /// <summary>For <see cref="RuleDiagnosticKind.Unsupported"/>: the keyword or feature that held the rule back.</summary>
    public string? Feature { get; init; }

    /// <summary>Human-readable description.</summary>
    public string Message { get; }

    /// <summary>Compiler style: <c>file:line:col: error: message [sid N]</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var text = string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {severity}: {Message}");
        return Sid is { } sid ? string.Create(CultureInfo.InvariantCulture, $"{text} [sid {sid}]") : text;
    }
}
