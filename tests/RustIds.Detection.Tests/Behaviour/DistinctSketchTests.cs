using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class DistinctSketchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(200)]
    public void Estimate_ManySets_IsUnbiasedAndEachWithinAFifth(int distinct)
    {
        var relativeErrors = new List<double>();
        for (var set = 0; set < 200; set++)
        {
            var sketch = new DistinctSketch();
            for (var port = 1; port <= distinct; port++)
            {
                sketch.Add(KeyHash.Mix((ulong)(set * 65536 + port)));
                sketch.Add(KeyHash.Mix((ulong)(set * 65536 + port)));
            }
            relativeErrors.Add((sketch.Estimate() - distinct) / (double)distinct);
        }

        Assert.InRange(relativeErrors.Average(), -0.03, 0.03);
        Assert.All(relativeErrors, e => Assert.InRange(e, -0.2, 0.2));
    }

    [Theory]
    [InlineData(25)]
    [InlineData(40)]
    [InlineData(100)]
    public void BitsFor_IsWhereTheEstimateReachesTheThreshold(int threshold)
    {
        var bits = DistinctSketch.BitsFor(threshold);
        var sketch = new DistinctSketch();
        var value = 0UL;
        while (sketch.SetBits < bits)
            sketch.Add(KeyHash.Mix(++value));

        Assert.InRange(sketch.Estimate(), threshold, threshold + 2);
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var sketch = new DistinctSketch();
        sketch.Add(KeyHash.Mix(7));
        sketch.Clear();

        Assert.Equal(0, sketch.SetBits);
        Assert.Equal(0, sketch.Estimate());
    }
}
