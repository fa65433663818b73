using RustIds.Reputation.Addresses;

namespace RustIds.Reputation.Feeds;

/// <summary>
/// Parses plain address lists: one IPv4/IPv6 address or CIDR network per line (FireHOL netsets,
/// ET compromised, Feodo, Spamhaus DROP text), with <c>#</c> and <c>;</c> comments.
/// </summary>
/// <remarks>
/// Tolerates CRLF, a UTF-8 byte-order mark, blank lines and trailing comments. Bad lines become
/// <see cref="FeedDiagnostic"/>s, never exceptions. Networks wider than /8 (IPv4) or /16 (IPv6) are
/// refused: a feed that lists 0.0.0.0/0 would otherwise block the whole Internet.
/// </remarks>
public static class PlainListParser
{
    /// <summary>Shortest IPv4 prefix accepted from a feed.</summary>
    public const int MinimumV4Prefix = 8;

    /// <summary>Shortest IPv6 prefix accepted from a feed.</summary>
    public const int MinimumV6Prefix = 16;

    /// <summary>Reads and parses <paramref name="path"/>; the list is named after the file unless <paramref name="name"/> is given.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Blocklist ParseFile(string path, string? name = null)
    {
        var text = File.ReadAllText(path);
        return Parse(name ?? Path.GetFileNameWithoutExtension(path), path, text);
    }

    /// <summary>Parses list text; <paramref name="file"/> is only used in diagnostics.</summary>
    public static Blocklist Parse(string name, string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new CidrSetBuilder();
        var diagnostics = new List<FeedDiagnostic>();
        var span = text.AsSpan();
        if (span.Length > 0 && span[0] == '\uFEFF')
            span = span[1..];
        var lineNumber = 0;
        foreach (var range in span.Split('\n'))
        {
            lineNumber++;
            ParseLine(span[range], file, lineNumber, builder, diagnostics);
        }
        return new Blocklist(name, builder.Build(), diagnostics);
    }

    private static void ParseLine(ReadOnlySpan<char> line, string file, int lineNumber, CidrSetBuilder builder, List<FeedDiagnostic> diagnostics)
    {
        var comment = line.IndexOfAny('#', ';');
        var content = comment < 0 ? line : line[..comment];
        var start = 0;
        while (start < content.Length && char.IsWhiteSpace(content[start]))
            start++;
        if (start == content.Length)
            return;
        var end = start;
        while (end < content.Length && !char.IsWhiteSpace(content[end]))
            end++;
        var token = content[start..end];
        var column = start + 1;
        if (!Cidr.TryParse(token, out var cidr))
        {
            diagnostics.Add(new FeedDiagnostic(file, lineNumber, column, $"'{Shorten(token)}' is not an IP address or CIDR network"));
            return;
        }
        var minimum = cidr.Network.IsV4 ? MinimumV4Prefix : MinimumV6Prefix;
        if (cidr.PrefixLength < minimum)
        {
            diagnostics.Add(new FeedDiagnostic(file, lineNumber, column,
                $"'{token}' refused: prefixes shorter than /{minimum} are too broad to block"));
            return;
        }
        var rest = content[end..].Trim();
        if (!rest.IsEmpty)
        {
            diagnostics.Add(new FeedDiagnostic(file, lineNumber, end + 1 + (content[end..].Length - content[end..].TrimStart().Length),
                $"unexpected text '{Shorten(rest)}' after the entry; the entry was kept"));
        }
        builder.Add(cidr);
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
}
