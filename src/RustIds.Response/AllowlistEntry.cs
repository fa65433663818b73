using RustIds.Reputation.Addresses;

namespace RustIds.Response;

/// <summary>One protected range and the human reason it is protected.</summary>
/// <param name="Range">The protected addresses.</param>
/// <param name="Reason">Why, e.g. <c>default gateway 192.0.2.1</c>; shown when a block is refused.</param>
public sealed record AllowlistEntry(Cidr Range, string Reason);
