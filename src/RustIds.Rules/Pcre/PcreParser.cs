using System.Text.RegularExpressions;
using RustIds.Rules.Buffers;

namespace RustIds.Rules.Pcre;

/// <summary>Parses a <c>pcre:</c> option value such as <c>!"/^GET\s+\/a/Ui"</c>.</summary>
public static class PcreParser
{
    /// <summary>A match that runs longer than this is abandoned and counted (a hostile input must not stall a worker).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Parses <paramref name="value"/>; on failure returns false with a message and the offset of the problem within the value.</summary>
    public static bool TryParse(string value, out PcreSpec? spec, out string? error, out int errorOffset)
    {
        ArgumentNullException.ThrowIfNull(value);
        spec = null;
        var at = 0;
        var negated = false;
        if (at < value.Length && value[at] == '!')
        {
            negated = true;
            at++;
        }
        while (at < value.Length && char.IsWhiteSpace(value[at]))
            at++;
        if (at >= value.Length || value[at] != '"' || value.Length - at < 2 || value[^1] != '"')
            return Fail("pcre must be a quoted \"/expression/flags\"", at, out error, out errorOffset);
        var inner = value[(at + 1)..^1];
        var innerAt = at + 1;
        if (inner.Length == 0 || inner[0] != '/')
            return Fail("pcre must start with '/'", innerAt, out error, out errorOffset);
        var close = FindClosingSlash(inner);
        if (close <= 0)
            return Fail("pcre has no closing '/'", innerAt, out error, out errorOffset);
        var pattern = inner[1..close];
        var flags = inner[(close + 1)..];
        var comma = flags.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
            flags = flags[..comma]; // ", flow:name" captures: kept in the expression as named groups, no effect on matching
        flags = flags.TrimEnd();

        var options = RegexOptions.CultureInvariant;
        bool relative = false, anchored = false, dollarEndOnly = false, ungreedy = false;
        LogicalBuffer? buffer = null;
        for (var i = 0; i < flags.Length; i++)
        {
            var flagAt = innerAt + close + 1 + i;
            var flag = flags[i];
            LogicalBuffer? named = null;
            switch (flag)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 's': options |= RegexOptions.Singleline; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'A': anchored = true; break;
                case 'E': dollarEndOnly = true; break;
                case 'G': ungreedy = true; break;
                case 'R': relative = true; break;
                case 'O' or 'B': break; // O: Snort's match-limit override; B: raw bytes, which is what the payload is here
                case 'U': named = Named("http.uri"); break;
                case 'I': named = Named("http.uri.raw"); break;
                case 'P': named = Named("http.request_body"); break;
                case 'Q': named = Named("http.response_body"); break;
                case 'H': named = Named("http.header"); break;
                case 'D': named = Named("http.header.raw"); break;
                case 'M': named = Named("http.method"); break;
                case 'C' or 'K': named = Named("http.cookie"); break;
                case 'S': named = Named("http.stat_code"); break;
                case 'Y': named = Named("http.stat_msg"); break;
                case 'V': named = Named("http.user_agent"); break;
                case 'W': named = Named("http.host"); break;
                case 'Z': named = Named("http.host.raw"); break;
                default:
                    return Fail($"unknown pcre flag '{flag}'", flagAt, out error, out errorOffset);
            }
            if (named is not null)
            {
                if (buffer is not null && buffer.Value.Name != named.Value.Name)
                    return Fail($"pcre flag '{flag}' names a second buffer", flagAt, out error, out errorOffset);
                buffer = named;
            }
        }

        var translated = PcreTranslator.Translate(pattern, ungreedy, dollarEndOnly, out var translateError, out var translateAt);
        if (translated is null)
            return Fail(translateError!, innerAt + 1 + translateAt, out error, out errorOffset);
        if (anchored)
            translated = "\\G(?:" + translated + ")";
        Regex regex;
        try
        {
            regex = new Regex(translated, options, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            return Fail($"invalid expression: {ex.Message}", innerAt + 1, out error, out errorOffset);
        }
        spec = new PcreSpec(value, regex, negated, relative, buffer);
        error = null;
        errorOffset = 0;
        return true;
    }

    private static LogicalBuffer Named(string sticky) =>
        BufferCatalog.TryGetSticky(sticky, snort3: false, out var buffer) ? buffer : throw new InvalidOperationException(sticky);

    /// <summary>The last '/' after which only flag letters (and a capture list after a comma) follow.</summary>
    private static int FindClosingSlash(string inner)
    {
        for (var i = inner.Length - 1; i > 0; i--)
        {
            if (inner[i] != '/')
                continue;
            var rest = inner.AsSpan(i + 1);
            var comma = rest.IndexOf(',');
            var letters = comma < 0 ? rest : rest[..comma];
            var ok = true;
            foreach (var c in letters.TrimEnd())
                ok &= char.IsAsciiLetter(c);
            if (ok)
                return i;
        }
        return -1;
    }

    private static bool Fail(string message, int at, out string? error, out int errorOffset)
    {
        error = message;
        errorOffset = at;
        return false;
    }
}
