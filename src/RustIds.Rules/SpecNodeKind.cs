namespace RustIds.Rules;

/// <summary>Kinds of <see cref="SpecNode"/>.</summary>
internal enum SpecNodeKind : byte
{
    Any,
    Prefix,
    Range,
    List,
}
