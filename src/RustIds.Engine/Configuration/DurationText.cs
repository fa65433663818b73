using System.Globalization;

namespace RustIds.Engine.Configuration;

/// <summary>Durations as operators type them: <c>250ms</c>, <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>2d</c>, <c>1w</c>, or a .NET time span (<c>01:30:00</c>).</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.EndsWith("ms", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            duration = TimeSpan.FromMilliseconds(milliseconds);
            return milliseconds is > 0 and <= 10_000_000_000;
        }
        if (text.Length >= 2 && char.IsAsciiLetterLower(text[^1])
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount > 0 && amount <= 10_000_000)
        {
            duration = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => TimeSpan.Zero,
            };
            return duration > TimeSpan.Zero;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
