using RustIds.Packets.Streams;

namespace RustIds.Packets.Tests.Streams;

/// <summary>Expected bytes per policy for the overlap cases of Suricata's target-based reassembly.</summary>
/// <remarks>
/// Old segment "OOOO" is buffered at offsets 4..8; a new all-'N' segment overlaps it; "x" fills offset 3 when the
/// new segment does not; "fff" finally fills 0..3 so everything is delivered. Expected columns are in
/// <see cref="OverlapPolicy"/> order: First, Last, Bsd, Linux, Windows, Solaris.
/// </remarks>
public sealed class OverlapPolicyTests
{
    [Theory]
    // case                           new seg  First         Last          Bsd           Linux         Windows       Solaris
    [InlineData("same start, ends inside", 4, 2, "fffxOOOO", "fffxNNOO", "fffxOOOO", "fffxOOOO", "fffxOOOO", "fffxOOOO")]
    [InlineData("same start, same end", 4, 4, "fffxOOOO", "fffxNNNN", "fffxOOOO", "fffxOOOO", "fffxOOOO", "fffxNNNN")]
    [InlineData("same start, ends after", 4, 6, "fffxOOOONN", "fffxNNNNNN", "fffxOOOONN", "fffxNNNNNN", "fffxOOOONN", "fffxNNNNNN")]
    [InlineData("starts before, ends inside", 3, 3, "fffNOOOO", "fffNNNOO", "fffNNNOO", "fffNNNOO", "fffNNNOO", "fffNOOOO")]
    [InlineData("starts before, ends after", 3, 6, "fffNOOOON", "fffNNNNNN", "fffNNNNNN", "fffNNNNNN", "fffNNNNNN", "fffNNNNNN")]
    [InlineData("starts after, ends inside", 5, 2, "fffxOOOO", "fffxONNO", "fffxOOOO", "fffxOOOO", "fffxOOOO", "fffxOOOO")]
    [InlineData("starts after, ends after", 5, 5, "fffxOOOONN", "fffxONNNNN", "fffxOOOONN", "fffxOOOONN", "fffxOOOONN", "fffxONNNNN")]
    public void Process_NewSegmentOverlapsBufferedSegment_KeepsBytesOfPolicy(
        string overlapCase, int newOffset, int newLength,
        string first, string last, string bsd, string linux, string windows, string solaris)
    {
        string[] expected = [first, last, bsd, linux, windows, solaris];
        for (var policy = OverlapPolicy.First; policy <= OverlapPolicy.Solaris; policy++)
        {
            var flow = new TestFlow(new ReassemblyOptions { OverlapPolicy = policy }).Handshake();
            flow.Client(4, "OOOO");
            flow.Client(newOffset, new string('N', newLength));
            if (newOffset > 3)
                flow.Client(3, "x");
            flow.Client(0, "fff");

            Assert.True(expected[(int)policy] == flow.ClientText, $"{overlapCase}, {policy}: expected {expected[(int)policy]}, got {flow.ClientText}");
            Assert.Equal(1, flow[ReassemblyCounter.OverlapsDifferentData]);
            Assert.Equal(1, flow[ReassemblyCounter.SegmentsOverlapping]);
        }
    }

    [Theory]
    // An in-order segment meets buffered bytes: "OOOO" waits at 2..6, the new in-order segment starts at 0.
    [InlineData(4, "NNOOOO", "NNNNOO", "NNNNOO", "NNNNOO", "NNNNOO", "NNOOOO")]
    [InlineData(8, "NNOOOONN", "NNNNNNNN", "NNNNNNNN", "NNNNNNNN", "NNNNNNNN", "NNNNNNNN")]
    public void Process_InOrderSegmentOverlapsBufferedSegment_KeepsBytesOfPolicy(
        int newLength, string first, string last, string bsd, string linux, string windows, string solaris)
    {
        string[] expected = [first, last, bsd, linux, windows, solaris];
        for (var policy = OverlapPolicy.First; policy <= OverlapPolicy.Solaris; policy++)
        {
            var flow = new TestFlow(new ReassemblyOptions { OverlapPolicy = policy }).Handshake();
            flow.Client(2, "OOOO");
            flow.Client(0, new string('N', newLength));

            Assert.True(expected[(int)policy] == flow.ClientText, $"{policy}: expected {expected[(int)policy]}, got {flow.ClientText}");
            Assert.Equal(1, flow[ReassemblyCounter.OverlapsDifferentData]);
        }
    }

    [Fact]
    public void Process_OverlapWithIdenticalBytes_IsCountedButNotAsDifferent()
    {
        var flow = new TestFlow().Handshake();

        flow.Client(4, "efgh");
        flow.Client(2, "cdefg");
        flow.Client(0, "abcd");

        Assert.Equal("abcdefgh", flow.ClientText);
        Assert.Equal(2, flow[ReassemblyCounter.SegmentsOverlapping]);
        Assert.Equal(0, flow[ReassemblyCounter.OverlapsDifferentData]);
    }

    [Theory]
    [InlineData(OverlapPolicy.First)]
    [InlineData(OverlapPolicy.Last)]
    [InlineData(OverlapPolicy.Linux)]
    public void Process_RetransmissionOfDeliveredBytes_NeverChangesThemUnderAnyPolicy(OverlapPolicy policy)
    {
        var flow = new TestFlow(new ReassemblyOptions { OverlapPolicy = policy }).Handshake();

        flow.Client(0, "safe");
        flow.Client(0, "EVIL!");

        Assert.Equal("safe!", flow.ClientText);
        Assert.Equal(1, flow[ReassemblyCounter.OverlapsDifferentData]);
    }
}
