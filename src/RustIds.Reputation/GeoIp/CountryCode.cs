using System.Diagnostics.CodeAnalysis;

namespace RustIds.Reputation.GeoIp;

/// <summary>A two-letter ISO 3166-1 alpha-2 country code held inline (no string), upper case.</summary>
public readonly struct CountryCode : IEquatable<CountryCode>
{
    private readonly char _first;
    private readonly char _second;

    private CountryCode(char first, char second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>True for <c>default(CountryCode)</c>, which stands for "unknown".</summary>
    public bool IsEmpty => _first == '\0';

    /// <summary>Both letters in 16 bits, for caches; <see cref="FromPacked"/> reverses it.</summary>
    internal int Packed => (_first << 8) | _second;

    internal static CountryCode FromPacked(int packed) => new((char)((packed >> 8) & 0xFF), (char)(packed & 0xFF));

    /// <summary>Creates a code from two ASCII letters in UTF-8 (as stored in MaxMind DB files); any case.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> utf8, out CountryCode code)
    {
        if (utf8.Length == 2 && char.IsAsciiLetter((char)utf8[0]) && char.IsAsciiLetter((char)utf8[1]))
        {
            code = new CountryCode(char.ToUpperInvariant((char)utf8[0]), char.ToUpperInvariant((char)utf8[1]));
            return true;
        }
        code = default;
        return false;
    }

    /// <summary>Parses two ASCII letters; any case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CountryCode code)
    {
        if (text is { Length: 2 } && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            code = new CountryCode(char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1]));
            return true;
        }
        code = default;
        return false;
    }

    /// <summary>Parses two ASCII letters or throws <see cref="FormatException"/>.</summary>
    public static CountryCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a two-letter country code.");

    public bool Equals(CountryCode other) => _first == other._first && _second == other._second;

    public override bool Equals(object? obj) => obj is CountryCode other && Equals(other);

    public override int GetHashCode() => (_first << 16) | _second;

    /// <summary>The code as a string (allocates), or empty when unknown.</summary>
    public override string ToString() => IsEmpty ? "" : string.Create(2, this, static (span, c) =>
    {
        span[0] = c._first;
        span[1] = c._second;
    });

    public static bool operator ==(CountryCode left, CountryCode right) => left.Equals(right);

    public static bool operator !=(CountryCode left, CountryCode right) => !left.Equals(right);
}
