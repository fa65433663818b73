namespace RustIds.Rules.Pcre;

/// <summary>Rule-level flag letters that are not pattern options.</summary>
[Flags]
internal enum PcreRuleFlags : byte
{
    None = 0,
    Relative = 1,
    Anchored = 2,
    EndAnchored = 4,
    Greedy = 8,
    Override = 16,
}
