using System.Text;
using System.Text.RegularExpressions;

namespace RustIds.Rules.Pcre;

/// <summary>Runs <see cref="PcreSpec"/> patterns over bytes through a reused Latin-1 char buffer.</summary>
/// <remarks>
/// Not thread-safe by design: one instance per capture worker thread. The search subject is
/// <c>data[start..]</c>, so <c>^</c>, <c>\A</c> and the <c>A</c> flag anchor at the start offset as in
/// Suricata's relative pcre. Allocation-free in steady state; the one exception is a timeout, where .NET
/// throws <see cref="RegexMatchTimeoutException"/>, which is caught, counted and reported as no match.
/// </remarks>
public sealed class PcreMatcher
{
    private readonly char[] _buffer;
    private long _timeouts;
    private long _truncations;

    /// <summary>Creates a matcher whose subjects are capped at <paramref name="maxBufferBytes"/> bytes.</summary>
    /// <param name="maxBufferBytes">Longest subject searched; longer data is searched only in its first part. Default 64 KiB.</param>
    public PcreMatcher(int maxBufferBytes = 65536)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBufferBytes);
        _buffer = new char[maxBufferBytes];
    }

    /// <summary>Matches abandoned by the regex time limit (each counted as no match).</summary>
    public long Timeouts => _timeouts;

    /// <summary>Searches cut short because the subject was longer than the buffer.</summary>
    public long Truncations => _truncations;

    /// <summary>Searches <c>data[start..]</c> for the pattern, ignoring <see cref="PcreSpec.Negated"/>.</summary>
    /// <param name="spec">The compiled pcre option.</param>
    /// <param name="data">The inspection buffer.</param>
    /// <param name="start">Where the search starts (0, or the previous match end for relative options).</param>
    /// <param name="matchEnd">Absolute end offset of the match in <paramref name="data"/>, or -1.</param>
    /// <returns>True when the pattern matches.</returns>
    public bool Match(PcreSpec spec, ReadOnlySpan<byte> data, int start, out int matchEnd)
    {
        ArgumentNullException.ThrowIfNull(spec);
        matchEnd = -1;
        if ((uint)start > (uint)data.Length)
        {
            return false;
        }

        var subject = data[start..];
        if (subject.Length > _buffer.Length)
        {
            subject = subject[.._buffer.Length];
            _truncations++;
        }

        var chars = _buffer.AsSpan(0, subject.Length);
        Encoding.Latin1.GetChars(subject, chars);
        try
        {
            foreach (var m in spec.Regex.EnumerateMatches(chars))
            {
                matchEnd = start + m.Index + m.Length;
                return true;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            _timeouts++;
        }

        return false;
    }
}
