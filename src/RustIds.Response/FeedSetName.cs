using System.Text;

namespace RustIds.Response;

/// <summary>The name of a feed's set in the firewall: 1-16 characters of a-z, 0-9 and '_', starting with a letter.</summary>
/// <remarks>
/// Short and plain because it becomes part of nft set names and ipset names (ipset allows 31
/// characters: <c>rustids_f_</c> + 16 + <c>_net6</c> fits).
/// </remarks>
public readonly record struct FeedSetName
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 16;

    private FeedSetName(string value) => Value = value;

    /// <summary>The validated name.</summary>
    public string Value { get; }

    /// <summary>Parses an already valid name.</summary>
    public static bool TryParse(string? text, out FeedSetName name)
    {
        name = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !char.IsAsciiLetterLower(text[0]))
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
                return false;
        }
        name = new FeedSetName(text);
        return true;
    }

    /// <summary>Derives a set name from a feed's catalog name: lower case, other characters to '_', cut to 16, 'f' prefixed when it starts with a digit.</summary>
    public static FeedSetName FromFeedName(string feedName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedName);
        var builder = new StringBuilder(MaxLength);
        foreach (var c in feedName.Trim())
        {
            if (builder.Length == MaxLength)
                break;
            var lower = char.ToLowerInvariant(c);
            builder.Append(char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) ? lower : '_');
        }
        if (!char.IsAsciiLetterLower(builder[0]))
        {
            builder.Insert(0, 'f');
            if (builder.Length > MaxLength)
                builder.Length = MaxLength;
        }
        return new FeedSetName(builder.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
