namespace RustIds.Rules;

/// <summary>Broad class of a rule diagnostic, for counting and filtering.</summary>
public enum RuleDiagnosticKind : byte
{
    /// <summary>The text is not valid rule syntax.</summary>
    Syntax,

    /// <summary>Valid Snort/Suricata syntax that rustids does not support yet (keyword, protocol).</summary>
    Unsupported,

    /// <summary>Well-formed but inconsistent (missing sid, bad modifier combination, unknown variable).</summary>
    Semantic,

    /// <summary>The same gid:sid was loaded twice.</summary>
    Duplicate,

    /// <summary>A file could not be read.</summary>
    Io,
}
