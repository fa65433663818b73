namespace RustIds.Engine.Configuration;

/// <summary>Which rule files to load and the variables they use.</summary>
public sealed class RulesOptions
{
    /// <summary>Rule files (Suricata syntax). <c>--rules</c> replaces this list.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Optional <c>classification.config</c>; the built-in table is used without it.</summary>
    public string? ClassificationFile { get; set; }

    /// <summary>Rule variables such as <c>HOME_NET</c>; unset ones keep Suricata's defaults.</summary>
    public Dictionary<string, string> Variables { get; set; } = [];

    /// <summary>
    /// Reassembled bytes kept per TCP direction for stream matching: a pattern split across segments is found when it
    /// spans at most this many bytes before the segment that completes it. 0 inspects each delivered chunk alone.
    /// </summary>
    public int StreamWindowBytes { get; set; } = RustIds.Rules.Evaluation.RuleEvaluator.DefaultStreamWindowBytes;

    /// <summary>Memory per capture worker for stream windows; past it, new TCP directions are inspected chunk by chunk (counted).</summary>
    public int StreamWindowMemcapMiB { get; set; } = RustIds.Rules.Evaluation.RuleEvaluator.DefaultStreamWindowMemcapMiB;

    /// <summary>A Suricata <c>threshold.config</c>: suppress, threshold/event_filter overrides and rate_filter lines.</summary>
    public string? ThresholdFile { get; set; }

    /// <summary>suricata-update's <c>enable.conf</c>: rules to turn on (sid, gid:sid, group:, re:, metadata:).</summary>
    public string? EnableConf { get; set; }

    /// <summary>suricata-update's <c>disable.conf</c>: rules to turn off.</summary>
    public string? DisableConf { get; set; }

    /// <summary>suricata-update's <c>modify.conf</c>: <c>matcher "from" "to"</c> rewrites of rule text.</summary>
    public string? ModifyConf { get; set; }

    /// <summary>suricata-update's <c>drop.conf</c>: rules whose action becomes drop (the offender is then blocked whatever its score).</summary>
    public string? DropConf { get; set; }
}
