namespace RustIds.Notify;

/// <summary>When a channel's digest goes out.</summary>
public enum DigestSchedule
{
    /// <summary>At the top of every hour (UTC).</summary>
    Hourly = 0,

    /// <summary>Once a day at <see cref="DeliveryPolicy.DailyDigestTime"/> (UTC).</summary>
    Daily = 1,
}
