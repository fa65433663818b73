namespace RustIds.Rules.Thresholds;

/// <summary>Which packet address a threshold.config <c>suppress</c> line compares with its <c>ip</c> list.</summary>
public enum SuppressTrack : byte
{
    /// <summary>No <c>track</c>/<c>ip</c>: the rule never alerts ("noalert"); its thresholds still count and its action still applies.</summary>
    Rule,

    /// <summary>Suppress when the source address is in the list.</summary>
    BySrc,

    /// <summary>Suppress when the destination address is in the list.</summary>
    ByDst,

    /// <summary>Suppress when the source or the destination address is in the list.</summary>
    ByEither,
}
