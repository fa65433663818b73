using System.Text;
using System.Text.RegularExpressions;

namespace RustIds.Rules.Pcre;

/// <summary>Runs a translated expression over bytes: the buffer is widened to Latin-1 characters in a reused array, then searched.</summary>
/// <remarks>One per worker (the character array is its state). Allocation-free once warm. A timed-out match counts and does not match.</remarks>
internal sealed class PcreMatcher
{
    /// <summary>Bytes of a buffer a pcre sees; the rest of a longer buffer is not searched (counted).</summary>
    public const int MaxSubjectBytes = 64 * 1024;

    private readonly char[] _subject = new char[MaxSubjectBytes];

    public long Timeouts { get; private set; }

    public long TruncatedSubjects { get; private set; }

    /// <summary>Searches <paramref name="data"/> from <paramref name="start"/> (the subject begins there); <paramref name="matchEnd"/> is the end of the first match within <paramref name="data"/>.</summary>
    public bool Match(PcreSpec spec, ReadOnlySpan<byte> data, int start, out int matchEnd)
    {
        matchEnd = start;
        if ((uint)start > (uint)data.Length)
            return false;
        var subject = data[start..];
        if (subject.Length > _subject.Length)
        {
            subject = subject[.._subject.Length];
            TruncatedSubjects++;
        }
        var length = Encoding.Latin1.GetChars(subject, _subject);
        try
        {
            foreach (var match in spec.Regex.EnumerateMatches(_subject.AsSpan(0, length)))
            {
                matchEnd = start + match.Index + match.Length;
                return true;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            Timeouts++;
        }
        return false;
    }
}
