namespace RustIds.Engine.Configuration;

/// <summary>One channel's flood control (<c>Notify:Email:Policy</c>, <c>Notify:Webhooks:N:Policy</c>); see docs/notifications.md.</summary>
public sealed class NotifyPolicySettings
{
    /// <summary><c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>: notices at or above it go out at once, the rest in the digest. Default <c>info</c> (all at once).</summary>
    public string ImmediateSeverity { get; set; } = "info";

    /// <summary><c>hourly</c> (top of each hour, UTC) or <c>daily</c> (at <see cref="DailyDigestTime"/>, UTC). Default <c>hourly</c>.</summary>
    public string Digest { get; set; } = "hourly";

    /// <summary>Time of day (UTC) of the daily digest. Default 07:00.</summary>
    public TimeSpan DailyDigestTime { get; set; } = TimeSpan.FromHours(7);

    /// <summary>A repeat of the same event for the same address within this window is counted in the digest, not sent. Default 10 minutes; 00:00:00 turns it off.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many immediate messages per rolling hour; the rest wait for the digest. Default 30; 0 = no cap.</summary>
    public int MaxPerHour { get; set; } = 30;
}
