using RustIds.Detection.Behaviour;

namespace RustIds.Detection.Tests.Behaviour;

/// <summary>The detectors' queue of flow events hands them out in the order they came, across its end.</summary>
public sealed class PendingFlowEventsTests
{
    [Fact]
    public void AddAndRemove_ManyTimesAroundTheRing_FirstInFirstOut()
    {
        var queue = new PendingFlowEvents();
        var next = 0;
        var expected = 0;
        // Fill, then take out three and put in two, until the slots went around the ring several times.
        while (!queue.IsFull)
            queue.Add(FlowEventKind.Ended, next++, default);
        Assert.Equal(PendingFlowEvents.Capacity, queue.Count);
        for (var round = 0; round < 5 * PendingFlowEvents.Capacity; round++)
        {
            for (var i = 0; i < 3 && queue.Count > 0; i++)
            {
                Assert.Equal(expected++, queue.Oldest.Slot);
                queue.RemoveOldest();
            }
            for (var i = 0; i < 2 && !queue.IsFull; i++)
                queue.Add(FlowEventKind.Started, next++, default);
        }
        while (queue.Count > 0)
        {
            Assert.Equal(expected++, queue.Oldest.Slot);
            queue.RemoveOldest();
        }
        Assert.Equal(next, expected);
    }
}
