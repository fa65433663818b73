using System.Globalization;

namespace RustIds.Notify;

/// <summary>How one channel avoids flooding its readers: what goes out at once, what waits for the digest.</summary>
/// <remarks>
/// Applied by <see cref="NotificationOutbox.Enqueue"/> in this order: a repeat of the same event for the same
/// target within <see cref="DedupWindow"/> is counted, not sent; a notice below <see cref="ImmediateSeverity"/>
/// waits for the digest; past <see cref="MaxPerHour"/> immediate messages in the last hour, the rest is held back
/// for the digest too. Nothing is dropped: held-back notices are listed in full in the next digest, and repeats
/// are counted there.
/// </remarks>
public sealed class DeliveryPolicy
{
    /// <summary>Notices at or above this severity go out at once; the rest wait for the digest. Default <see cref="NoticeSeverity.Info"/> (everything at once).</summary>
    public NoticeSeverity ImmediateSeverity { get; set; } = NoticeSeverity.Info;

    /// <summary>When the digest goes out. Default <see cref="DigestSchedule.Hourly"/>.</summary>
    public DigestSchedule Digest { get; set; } = DigestSchedule.Hourly;

    /// <summary>Time of day (UTC) of the daily digest. Default 07:00.</summary>
    public TimeSpan DailyDigestTime { get; set; } = TimeSpan.FromHours(7);

    /// <summary>A second notice of the same event for the same target within this window is only counted in the digest. Default 10 minutes; zero turns it off.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many immediate messages in any rolling hour; the rest go to the digest. Default 30; zero means no cap.</summary>
    /// <remarks>Digests do not count against the cap: they are at most one per hour by construction.</remarks>
    public int MaxPerHour { get; set; } = 30;

    /// <summary>Lists every invalid setting, prefixed with <paramref name="section"/>; empty when usable.</summary>
    public IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (DailyDigestTime < TimeSpan.Zero || DailyDigestTime >= TimeSpan.FromDays(1))
            problems.Add($"{section}:DailyDigestTime must be a time of day between 00:00 and 23:59:59.");
        if (DedupWindow < TimeSpan.Zero)
            problems.Add($"{section}:DedupWindow must not be negative (00:00:00 turns deduplication off).");
        if (MaxPerHour < 0)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:MaxPerHour {MaxPerHour} must not be negative (0 = no cap)."));
        return problems;
    }

    /// <summary>The first digest time strictly after <paramref name="last"/>.</summary>
    public DateTimeOffset NextDigestAfter(DateTimeOffset last)
    {
        var utc = last.ToUniversalTime();
        if (Digest == DigestSchedule.Hourly)
        {
            var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
            return hour.AddHours(1);
        }
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero) + DailyDigestTime;
        return today > utc ? today : today.AddDays(1);
    }
}
