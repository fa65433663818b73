using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class MetricBaselineTests
{
    private static readonly BaselineRule Rule = new(WarmupIntervals: 5, Sigma: 6, Floor: 100, Alpha: 0.1);

    [Fact]
    public void Judge_DuringWarmUp_NeverAnomalous()
    {
        var metric = new MetricBaseline();
        for (var i = 0; i < 5; i++)
            Assert.False(metric.Judge(i == 4 ? 100_000 : 10, Rule, out _));
    }

    [Fact]
    public void Judge_AfterWarmUp_FlagsASpikeAboveFloorAndSigma_AndDoesNotLearnIt()
    {
        var metric = new MetricBaseline();
        for (var i = 0; i < 20; i++)
            metric.Judge(10 + i % 3, Rule, out _);
        var meanBefore = metric.Stats.Mean;

        Assert.True(metric.Judge(5000, Rule, out var limit));
        Assert.True(metric.Judge(5000, Rule, out _));
        Assert.Equal(2, metric.Streak);
        Assert.InRange(limit, meanBefore + 1, 1000);
        Assert.Equal(meanBefore, metric.Stats.Mean);
    }

    [Fact]
    public void Judge_SpikeBelowTheFloor_IsNotAnomalous()
    {
        var metric = new MetricBaseline();
        for (var i = 0; i < 20; i++)
            metric.Judge(1, Rule, out _);

        Assert.False(metric.Judge(99, Rule, out _));
        Assert.Equal(0, metric.Streak);
    }

    [Fact]
    public void Judge_ALevelThatStays_BecomesTheNewNormal()
    {
        var metric = new MetricBaseline();
        for (var i = 0; i < 20; i++)
            metric.Judge(10, Rule, out _);

        var anomalous = 0;
        for (var i = 0; i < 200; i++)
            anomalous += metric.Judge(5000, Rule, out _) ? 1 : 0;

        Assert.InRange(anomalous, 10, 40);
        Assert.False(metric.Judge(5000, Rule, out _));
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(0.1, 59)]
    [InlineData(0.3, 64)]
    [InlineData(1.0, 5)]
    public void ObserveZeros_MatchesOneZeroAtATime(double alpha, int count)
    {
        var stepped = new Ewma();
        var folded = new Ewma();
        foreach (var value in new[] { 120.0, 80, 150, 95, 110 })
        {
            stepped.Observe(value, alpha);
            folded.Observe(value, alpha);
        }

        for (var i = 0; i < count; i++)
            stepped.Observe(0, alpha);
        folded.ObserveZeros(count, Ewma.ZerosDecay(alpha, count));

        Assert.Equal(stepped.Observations, folded.Observations);
        Assert.Equal(stepped.Mean, folded.Mean, 1e-9);
        Assert.Equal(stepped.Variance, folded.Variance, 1e-9);
    }

    [Fact]
    public void ObserveZeros_OnAFreshBaseline_LearnsZeros()
    {
        var ewma = new Ewma();
        ewma.ObserveZeros(3, Ewma.ZerosDecay(0.1, 3));
        ewma.Observe(10, 0.1);

        Assert.Equal(4, ewma.Observations);
        Assert.Equal(1, ewma.Mean, 1e-12);
    }
}
