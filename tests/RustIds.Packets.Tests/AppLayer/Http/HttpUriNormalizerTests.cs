using RustIds.Packets.AppLayer.Http;
using static RustIds.Packets.Tests.AppLayer.Http.HttpTestSupport;

namespace RustIds.Packets.Tests.AppLayer.Http;

/// <summary>One row per rule of the normalization documented on <see cref="HttpUriNormalizer"/> (libhtp IDS personality as Suricata configures it).</summary>
public sealed class HttpUriNormalizerTests
{
    [Theory]
    // unchanged
    [InlineData("/index.html", "/index.html")]
    [InlineData("/A/B", "/A/B")] // case kept: Suricata turns path-convert-lowercase off
    [InlineData("*", "*")]
    // %HH decoding
    [InlineData("/a%20b", "/a b")]
    [InlineData("/%41%42%43", "/ABC")]
    [InlineData("/a%252e", "/a%2e")] // decoded once only (double-decode-path off)
    [InlineData("/a%00b", "/a\u0000b")] // encoded NUL kept, does not terminate
    [InlineData("/a\u0000b", "/a\u0000b")] // raw NUL kept
    // invalid encodings keep the percent (PRESERVE_PERCENT)
    [InlineData("/%zz", "/%zz")]
    [InlineData("/a%", "/a%")]
    [InlineData("/a%4", "/a%4")]
    [InlineData("/a%4g", "/a%4g")]
    [InlineData("/%u12", "/%u12")]
    [InlineData("/%u12zz", "/%u12zz")]
    // %uHHHH decoding
    [InlineData("/%u0041", "/A")]
    [InlineData("/a%u002fb", "/a/b")]
    [InlineData("/a%uff0fb", "/a/b")] // full-width solidus, best fit
    [InlineData("/%u4e2d", "/?")] // no best fit: replacement byte
    // separators: encoded ones decoded, backslash converted, runs compressed
    [InlineData("/a%2fb", "/a/b")]
    [InlineData("/a%5cb", "/a/b")]
    [InlineData("/a\\b\\c", "/a/b/c")]
    [InlineData("//a///b", "/a/b")]
    [InlineData("/a/%2f/b", "/a/b")]
    // plus is not a space
    [InlineData("/a+b", "/a+b")]
    // UTF-8 to single bytes by best fit, overlong forms decoded
    [InlineData("/caf%c3%a9", "/caf\u00e9")]
    [InlineData("/a%c0%afb", "/a/b")]
    [InlineData("/a%e0%80%afb", "/a/b")]
    [InlineData("/a\u00ff", "/a?")] // invalid lead byte
    [InlineData("/a%c3(", "/a?(")] // broken sequence: '?' then the breaking byte
    [InlineData("/a%c3", "/a?")] // cut by the end (libhtp drops it; we keep a '?')
    [InlineData("/a%ef%bc%8fb", "/a/b")] // UTF-8 full-width solidus
    [InlineData("/%ef%bc%8f", "//")] // separators are compressed before UTF-8 decoding, as in libhtp
    // dot segments (RFC 3986 §5.2.4, libhtp-rs semantics)
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/b/", "/a/b/")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/a/.", "/a")]
    [InlineData("/..", "")]
    [InlineData("relative/../x", "x")]
    [InlineData("/%2e%2e/%2e%2e/etc", "/etc")]
    [InlineData("/a/..%2f..%2fetc", "/etc")]
    [InlineData("/a/%2e/b", "/a/b")]
    [InlineData("/a/%uff0e%uff0e/b", "/b")]
    [InlineData("/a/...", "/a/...")]
    // query and fragment: %HH and %u decoded, nothing else
    [InlineData("/path?x=%41+%2F", "/path?x=A+/")]
    [InlineData("/path?a=%u0041&b=/../c", "/path?a=A&b=/../c")]
    [InlineData("/p?q=%zz#frag%41", "/p?q=%zz#fragA")]
    [InlineData("/p?", "/p?")]
    [InlineData("/p#f?x", "/p#f?x")]
    // absolute URIs: scheme and authority left out
    [InlineData("http://host.example:8080/a/../b?c", "/b?c")]
    [InlineData("http://user:pw@host/x", "/x")]
    [InlineData("http://host", "")]
    [InlineData("index.php?u=http://evil/", "index.php?u=http://evil/")] // not a scheme: '.' then '?'
    public void Normalize_Raw_Expected(string raw, string expected)
    {
        var input = Bytes(raw);
        var output = new byte[input.Length];

        int length = HttpUriNormalizer.Normalize(input, output, out _);

        Assert.Equal(expected, Text(output.AsSpan(0, length)));
    }

    [Theory]
    [InlineData("/a%zz", HttpUriFlags.InvalidEncoding)]
    [InlineData("/a%2fb", HttpUriFlags.EncodedSeparator)]
    [InlineData("/a%00", HttpUriFlags.EncodedNul)]
    [InlineData("/a\u0000", HttpUriFlags.RawNul)]
    [InlineData("/%u0041", HttpUriFlags.UEncoding)]
    [InlineData("/a\u00ff", HttpUriFlags.Utf8Invalid)]
    [InlineData("/a%c0%af", HttpUriFlags.Utf8Overlong)]
    [InlineData("/%ef%bc%8f", HttpUriFlags.FullWidth)]
    [InlineData("/a\\b", HttpUriFlags.Backslash)]
    [InlineData("http://h/", HttpUriFlags.Absolute)]
    public void Normalize_EvasionInput_Flagged(string raw, HttpUriFlags expected)
    {
        var input = Bytes(raw);

        HttpUriNormalizer.Normalize(input, new byte[input.Length], out var flags);

        Assert.True(flags.HasFlag(expected), $"{flags} lacks {expected}");
    }

    [Fact]
    public void Normalize_PlainPath_NoFlags()
    {
        var input = Bytes("/images/logo.png?size=2");

        HttpUriNormalizer.Normalize(input, new byte[input.Length], out var flags);

        Assert.Equal(HttpUriFlags.None, flags);
    }

    [Fact]
    public void Normalize_DestinationTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => HttpUriNormalizer.Normalize(Bytes("/abc"), new byte[2], out _));
    }

    [Theory]
    [InlineData("Example.COM:80", "example.com")]
    [InlineData("host.example.", "host.example")]
    [InlineData("  spaced.example  ", "spaced.example")]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("name :80", "name")]
    [InlineData("", "")]
    public void NormalizeHost_Value_Expected(string raw, string expected)
    {
        var input = Bytes(raw);
        var output = new byte[input.Length];

        int length = HttpUriNormalizer.NormalizeHost(input, output);

        Assert.Equal(expected, Text(output.AsSpan(0, length)));
    }

    [Fact]
    public void Normalize_RandomBytes_NeverLongerThanInputAndNeverThrows()
    {
        var random = new Random(1234);
        var input = new byte[64];
        var output = new byte[64];
        byte[] alphabet = Bytes("/\\.%uU+?#:0123456789abcdefABCDEF\u00c0\u00af\u00e0\u0080\u00ff\u0000xyz");
        for (int i = 0; i < 50_000; i++)
        {
            int length = random.Next(input.Length + 1);
            for (int j = 0; j < length; j++)
            {
                input[j] = alphabet[random.Next(alphabet.Length)];
            }

            int written = HttpUriNormalizer.Normalize(input.AsSpan(0, length), output, out _);
            Assert.InRange(written, 0, length);
        }
    }
}
