namespace RustIds.Rules.Keywords;

/// <summary>One row of the keyword support table.</summary>
/// <param name="Name">The keyword as written in rules.</param>
/// <param name="Group">Section of the table (identity, payload, HTTP, DNS, ...).</param>
/// <param name="Support">What rustids does with it.</param>
/// <param name="Example">Options that use it, as a rule would write them; the catalog's test parses each.</param>
/// <param name="Notes">Semantics or the reason it is not supported.</param>
/// <param name="Header">Rule header the example needs.</param>
/// <param name="Snort3">The example is Snort 3 syntax.</param>
public sealed record KeywordInfo(
    string Name,
    string Group,
    KeywordSupport Support,
    string Example,
    string Notes = "",
    string Header = "alert tcp any any -> any any",
    bool Snort3 = false);
