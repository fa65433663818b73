using System.Text;
using RustIds.Rules.Pcre;

namespace RustIds.Rules.Tests.Pcre;

/// <summary>Parse-and-match helpers; subjects are written as strings whose chars are the bytes (Latin-1).</summary>
internal static class PcreTestHelper
{
    public static PcreSpec Parse(string value, PcreOptions? options = null)
    {
        bool ok = PcreParser.TryParse(value, options ?? PcreOptions.Default, out var spec, out string? error, out int offset);
        Assert.True(ok, $"{value}: {error} at {offset}");
        return spec!;
    }

    public static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    public static bool Matches(string value, string subject) => Matches(value, subject, out _);

    public static bool Matches(string value, string subject, out int matchEnd)
    {
        var spec = Parse(value);
        return new PcreMatcher().Match(spec, Bytes(subject), 0, out matchEnd);
    }

    public static (string? Error, int Offset) Reject(string value)
    {
        bool ok = PcreParser.TryParse(value, out var spec, out string? error, out int offset);
        Assert.False(ok, $"{value} was accepted as {spec?.TranslatedPattern}");
        Assert.Null(spec);
        Assert.NotNull(error);
        return (error, offset);
    }
}
