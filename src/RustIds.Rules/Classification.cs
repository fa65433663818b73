namespace RustIds.Rules;

/// <summary>One <c>config classification:</c> entry.</summary>
/// <param name="ShortName">The classtype name used in rules.</param>
/// <param name="Description">Category description shown in alerts.</param>
/// <param name="Priority">Default priority (1 is most severe).</param>
public sealed record Classification(string ShortName, string Description, int Priority);
