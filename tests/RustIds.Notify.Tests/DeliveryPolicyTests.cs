namespace RustIds.Notify.Tests;

public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData("2026-12-04T13:11:50Z", "2026-12-04T14:00:00Z")]
    [InlineData("2026-12-04T13:00:00Z", "2026-12-04T14:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z")]
    [InlineData("2026-12-04T15:30:00+02:00", "2026-12-04T14:00:00Z")]
    public void NextDigestAfter_Hourly_IsTheNextTopOfTheHourUtc(string last, string expected)
    {
        var policy = new DeliveryPolicy { Digest = DigestSchedule.Hourly };

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            policy.NextDigestAfter(DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-04T06:59:59Z", "2026-12-04T07:00:00Z")]
    [InlineData("2026-12-04T07:00:00Z", "2026-12-05T07:00:00Z")]
    [InlineData("2026-12-04T13:11:50Z", "2026-12-05T07:00:00Z")]
    public void NextDigestAfter_Daily_IsTheNextDailyTimeUtc(string last, string expected)
    {
        var policy = new DeliveryPolicy { Digest = DigestSchedule.Daily, DailyDigestTime = TimeSpan.FromHours(7) };

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            policy.NextDigestAfter(DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Validate_BadValues_NameEachKey()
    {
        var policy = new DeliveryPolicy { DailyDigestTime = TimeSpan.FromHours(25), DedupWindow = TimeSpan.FromMinutes(-1), MaxPerHour = -1 };

        var problems = policy.Validate("Notify:Email:Policy");

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Notify:Email:Policy:DailyDigestTime", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Notify:Email:Policy:DedupWindow", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Notify:Email:Policy:MaxPerHour -1", StringComparison.Ordinal));
    }

    [Fact]
    public void DailyDigest_ClockDrivenOverTwoDays_BuildsOnePerDay()
    {
        using var fixture = new OutboxFixture();
        using var outbox = fixture.Open(policy: new DeliveryPolicy { ImmediateSeverity = NoticeSeverity.Critical, Digest = DigestSchedule.Daily });
        var built = 0;

        for (var hour = 0; hour < 48; hour++)
        {
            outbox.Enqueue(OutboxFixture.Notice(hour, NoticeSeverity.High));
            fixture.Time.Advance(TimeSpan.FromHours(1));
            built += outbox.BuildDueDigests();
        }

        // Started 2026-12-04 13:11:50; 48 hours later it is 12-06 13:11:50: digests at 12-05 07:00 and 12-06 07:00.
        Assert.Equal(2, built);
        var counts = outbox.Counts();
        Assert.Equal(2, counts.Pending);
        Assert.Equal(48 - 6, counts.Digested);
        Assert.Equal(6, counts.AwaitingDigest);
    }
}
