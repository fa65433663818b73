namespace RustIds.Rules.Management;

/// <summary>What the cheap scanner found in one rule's text.</summary>
/// <remarks>Only the fields matchers need; this is not a rule parser.</remarks>
internal readonly struct RuleFacts
{
    /// <summary>Initializes the facts.</summary>
    /// <param name="isRule">Whether the text has the shape of a rule.</param>
    /// <param name="actionLength">Length of the leading action word.</param>
    /// <param name="gid">The gid option, 1 when absent.</param>
    /// <param name="sid">The sid option, -1 when absent or not a number.</param>
    /// <param name="rev">The rev option, -1 when absent or not a number.</param>
    /// <param name="noAlert">Whether the rule has <c>noalert</c> or <c>flowbits:noalert</c>.</param>
    /// <param name="metadataCount">How many <c>metadata</c> options the rule has.</param>
    /// <param name="metadataStart">Offset of the first <c>metadata</c> option's value.</param>
    /// <param name="metadataLength">Length of the first <c>metadata</c> option's value.</param>
    public RuleFacts(
        bool isRule, int actionLength, long gid, long sid, long rev, bool noAlert, int metadataCount, int metadataStart,
        int metadataLength)
    {
        MetadataCount = metadataCount;
        MetadataStart = metadataStart;
        MetadataLength = metadataLength;
        IsRule = isRule;
        ActionLength = actionLength;
        Gid = gid;
        Sid = sid;
        Rev = rev;
        NoAlert = noAlert;
    }

    /// <summary>Gets whether the text starts with a rule action and has an option list in parentheses.</summary>
    public bool IsRule { get; }

    /// <summary>Gets the length of the leading action word (e.g. 5 for <c>alert</c>).</summary>
    public int ActionLength { get; }

    /// <summary>Gets the generator id; 1 when the rule has no <c>gid</c> option, as in Snort and Suricata.</summary>
    public long Gid { get; }

    /// <summary>Gets the signature id, or -1 when missing.</summary>
    public long Sid { get; }

    /// <summary>Gets the revision, or -1 when missing.</summary>
    public long Rev { get; }

    /// <summary>Gets whether the rule never alerts (drop.conf leaves such rules alone, as suricata-update does).</summary>
    public bool NoAlert { get; }

    /// <summary>Gets how many <c>metadata</c> options the rule has (ET rules have one).</summary>
    public int MetadataCount { get; }

    /// <summary>Gets the offset of the first <c>metadata</c> option's value in the rule text.</summary>
    public int MetadataStart { get; }

    /// <summary>Gets the length of the first <c>metadata</c> option's value.</summary>
    public int MetadataLength { get; }

    /// <summary>Gets whether the rule has a usable sid.</summary>
    public bool HasSid => Sid >= 0;
}
