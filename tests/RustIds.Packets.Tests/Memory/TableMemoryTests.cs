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

    [Fact]
    public void AllocatePageAligned_StartsOnAHugePage_TheGapNotCounted()
    {
        var memory = new TableMemory();

        var small = (byte*)memory.Allocate(100);
        var pages = memory.AllocatePageAligned<long>(MappedRegion.HugePage / sizeof(long));
        var after = (byte*)memory.Allocate(1);

        Assert.Equal(0, (long)pages % MappedRegion.HugePage);
        Assert.Equal(MappedRegion.HugePage, (byte*)pages - small);
        Assert.Equal(MappedRegion.HugePage, after - (byte*)pages);
        Assert.Equal(128 + MappedRegion.HugePage + 64, memory.Bytes);
    }

    [Fact]
    public void AllocatePageAligned_NoRoomLeftInTheRegion_MapsAnother()
    {
        var memory = new TableMemory(regionBytes: MappedRegion.HugePage);

        memory.Allocate(MappedRegion.HugePage - 4096);
        var pages = memory.AllocatePageAligned<byte>(4096);
        pages[4095] = 1;

        Assert.Equal(0, (long)pages % MappedRegion.HugePage);
    }
}
