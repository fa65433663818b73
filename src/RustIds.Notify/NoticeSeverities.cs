namespace RustIds.Notify;

/// <summary>Parsing, naming and deriving <see cref="NoticeSeverity"/> values.</summary>
public static class NoticeSeverities
{
    /// <summary>The names accepted in configuration, lowest first.</summary>
    public static readonly IReadOnlyList<string> Names = ["info", "low", "medium", "high", "critical"];

    /// <summary>The lower-case name (<c>high</c>) used in payloads and configuration.</summary>
    public static string Name(NoticeSeverity severity) => Names[(int)severity];

    /// <summary>Parses a configuration value, case-insensitively.</summary>
    public static bool TryParse(string? text, out NoticeSeverity severity)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = (NoticeSeverity)i;
                return true;
            }
        }
        severity = NoticeSeverity.Info;
        return false;
    }

    /// <summary>
    /// The severity of a block: <see cref="NoticeSeverity.Critical"/> when escalated, else from the worst
    /// (lowest-numbered) Suricata alert severity: 1 high, 2 medium, 3 and 4 low.
    /// </summary>
    /// <param name="worstAlertSeverity">The smallest alert severity seen (1 = most severe); 0 or less when unknown.</param>
    /// <param name="escalationLevel">The block's escalation level (0 = first block).</param>
    public static NoticeSeverity FromAlertSeverity(int worstAlertSeverity, int escalationLevel) =>
        escalationLevel > 0 ? NoticeSeverity.Critical
        : worstAlertSeverity switch
        {
            1 => NoticeSeverity.High,
            2 => NoticeSeverity.Medium,
            <= 0 => NoticeSeverity.Medium,
            _ => NoticeSeverity.Low,
        };
}
