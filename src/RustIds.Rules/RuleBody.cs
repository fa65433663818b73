namespace RustIds.Rules;

/// <summary>The option part of a rule, after parsing.</summary>
/// <param name="Gid">Generator id.</param>
/// <param name="Sid">Signature id.</param>
/// <param name="Rev">Revision.</param>
/// <param name="Message">msg text.</param>
/// <param name="ClassType">classtype short name.</param>
/// <param name="Category">classtype description.</param>
/// <param name="Priority">Effective priority.</param>
/// <param name="References">reference options.</param>
/// <param name="Metadata">metadata entries.</param>
/// <param name="Contents">content options.</param>
/// <param name="Flow">flow option.</param>
public sealed record RuleBody(
    long Gid,
    long Sid,
    int Rev,
    string Message,
    string? ClassType,
    string? Category,
    int Priority,
    IReadOnlyList<RuleReference> References,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    IReadOnlyList<ContentMatch> Contents,
    FlowOptions Flow);
