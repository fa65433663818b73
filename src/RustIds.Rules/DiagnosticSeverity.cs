namespace RustIds.Rules;

/// <summary>How serious a rule diagnostic is.</summary>
public enum DiagnosticSeverity : byte
{
    /// <summary>The rule (or file) was not loaded.</summary>
    Error,

    /// <summary>Loaded, but probably not what the author meant.</summary>
    Warning,
}
