namespace RustIds.Rules;

/// <summary>A <c>reference:system,id;</c> option, e.g. <c>cve,2021-44228</c>.</summary>
/// <param name="System">Reference system (url, cve, bugtraq, ...).</param>
/// <param name="Id">Identifier within that system.</param>
public sealed record RuleReference(string System, string Id);
