using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>Why a readable feed entry was refused, with the reserved network it hit.</summary>
internal readonly record struct EntryRefusal(EntryRefusalKind Kind, Cidr Reserved, string ReservedName)
{
    public static EntryRefusal None => default;

    public bool IsRefused => Kind != EntryRefusalKind.None;
}

/// <summary>The refusal rules in the order they are checked.</summary>
internal enum EntryRefusalKind
{
    None,
    TooBroad,
    Reserved,
    Protected,
}
