using RustIds.Packets.Memory;

namespace RustIds.Packets.Tests.Memory;

public sealed unsafe class TableMemoryTests
{
    [Fact]
    public void Allocate_GivesZeroedBlocksOnCacheLines()
    {
        var memory = new TableMemory();

        var first = (byte*)memory.Allocate(100);
        var second = (byte*)memory.Allocate(1);

        Assert.Equal(0, (long)first % TableMemory.LineBytes);
        Assert.Equal(0, (long)second % TableMemory.LineBytes);
        Assert.Equal(128, second - first);
        Assert.True(new ReadOnlySpan<byte>(first, 100).IndexOfAnyExcept((byte)0) < 0);
        Assert.Equal(192, memory.Bytes);
    }

    [Fact]
    public void Allocate_PastTheRegion_MapsAnotherOneBigEnough()
    {
        var memory = new TableMemory(regionBytes: 4096);

        var small = (byte*)memory.Allocate(4000);
        var large = (byte*)memory.Allocate(3L << 20);
        large[(3L << 20) - 1] = 1;

        Assert.Equal(0, (long)large % MappedRegion.HugePage);
        Assert.Equal(0, small[3999]);
        Assert.Equal(4032 + (3L << 20), memory.Bytes);
    }
}
