namespace RustIds.Rules.Management;

/// <summary>A rule identity key: generator id, signature id and optionally revision.</summary>
/// <param name="Gid">The generator id (1 when the rule has no <c>gid</c> option).</param>
/// <param name="Sid">The signature id.</param>
/// <param name="Rev">The revision, or <see cref="AnyRev"/> when the key matches every revision.</param>
internal readonly record struct RuleId(long Gid, long Sid, long Rev)
{
    /// <summary>The <see cref="Rev"/> value of a key that matches any revision.</summary>
    public const long AnyRev = -1;
}
