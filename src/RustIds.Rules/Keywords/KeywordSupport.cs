namespace RustIds.Rules.Keywords;

/// <summary>What rustids does with a rule keyword.</summary>
public enum KeywordSupport : byte
{
    /// <summary>Parsed and matched as Suricata (or Snort 3) does.</summary>
    Supported,

    /// <summary>Accepted, but it changes nothing here (logging side effects, normalizations rustids does not do).</summary>
    NoEffect,

    /// <summary>A rule using it is not loaded (better silent than wrong) and <c>rules check</c> counts it.</summary>
    Unsupported,
}
