namespace RustIds.Rules.Pcre;

/// <summary>One capture group of a <c>pcre</c> option that is stored into a variable when the rule matches.</summary>
/// <param name="GroupIndex">PCRE group number (1-based, left-to-right by opening parenthesis); also the .NET group number.</param>
/// <param name="Scope">Where the captured value is stored.</param>
/// <param name="Name">Variable name without its scope prefix (<c>flow_ua</c> becomes <c>ua</c>).</param>
public readonly record struct PcreCapture(int GroupIndex, PcreCaptureScope Scope, string Name);
