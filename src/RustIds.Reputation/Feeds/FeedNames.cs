using System.Buffers;

namespace RustIds.Reputation.Feeds;

/// <summary>The rule for feed names: 1–64 characters of a–z, 0–9, '-', '_' and '.', starting with a letter or digit.</summary>
/// <remarks>Names become file names in the cache and parts of firewall set names, so they stay plain.</remarks>
public static class FeedNames
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 64;

    internal static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>True when <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && char.IsAsciiLetterOrDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(Allowed);
}
