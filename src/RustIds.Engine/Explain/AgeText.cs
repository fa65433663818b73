using System.Globalization;

namespace RustIds.Engine.Explain;

/// <summary>How old something is, as people read it in a table: <c>45s</c>, <c>12m</c>, <c>5h</c>, <c>3d</c>.</summary>
public static class AgeText
{
    /// <summary>The age of <paramref name="since"/> at <paramref name="now"/>; <c>-</c> when never.</summary>
    public static string Format(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } at)
            return "-";
        var age = now - at;
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0}s")
            : age.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0}m")
            : age.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0}h")
            : string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0}d");
    }
}
