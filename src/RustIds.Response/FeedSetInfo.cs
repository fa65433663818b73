namespace RustIds.Response;

/// <summary>A feed set as read back from the firewall.</summary>
/// <param name="Name">The feed set.</param>
/// <param name="Entries">Elements in its sets (both families, addresses and prefixes).</param>
public readonly record struct FeedSetInfo(FeedSetName Name, int Entries);
