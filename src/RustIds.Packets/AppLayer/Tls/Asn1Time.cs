namespace RustIds.Packets.AppLayer.Tls;

/// <summary>Parses the DER forms of UTCTime and GeneralizedTime (X.690 §11.7–11.8, RFC 5280 §4.1.2.5) into UTC ticks.</summary>
internal static class Asn1Time
{
    /// <summary>"YYMMDDHHMMSSZ"; years 50–99 are 19xx, 00–49 are 20xx (RFC 5280 §4.1.2.5.1).</summary>
    public static bool TryParseUtcTime(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text.Length != 13 || text[12] != (byte)'Z' || !TryDigits(text[..2], out var year))
            return false;
        year += year < 50 ? 2000 : 1900;
        return TryBuild(year, text[2..12], out ticks);
    }

    /// <summary>"YYYYMMDDHHMMSS[.f+]Z"; fractional seconds are accepted and dropped.</summary>
    public static bool TryParseGeneralizedTime(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text.Length < 15 || text[^1] != (byte)'Z' || !TryDigits(text[..4], out var year))
            return false;
        if (text.Length > 15)
        {
            var fraction = text[14..^1];
            if (fraction.Length < 2 || fraction[0] != (byte)'.' || !AllDigits(fraction[1..]))
                return false;
        }
        return TryBuild(year, text[4..14], out ticks);
    }

    private static bool TryBuild(int year, ReadOnlySpan<byte> monthToSecond, out long ticks)
    {
        ticks = 0;
        if (!TryDigits(monthToSecond[..2], out var month) || !TryDigits(monthToSecond[2..4], out var day)
            || !TryDigits(monthToSecond[4..6], out var hour) || !TryDigits(monthToSecond[6..8], out var minute)
            || !TryDigits(monthToSecond[8..10], out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
        }
        return true;
    }
}
