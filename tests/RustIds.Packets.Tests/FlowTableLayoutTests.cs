using System.Runtime.CompilerServices;

namespace RustIds.Packets.Tests;

/// <summary>Each flow entry is three whole cache lines, its key and flow id the first one.</summary>
public sealed unsafe class FlowTableLayoutTests
{
    [Fact]
    public void FlowEntry_ThreeCacheLines_KeyAndIdInTheFirst()
    {
        Assert.Equal(56, Unsafe.SizeOf<FlowKey>());
        Assert.Equal(192, Unsafe.SizeOf<FlowEntry>());
    }

    [Fact]
    public void FlowTable_EveryEntryStartsOnACacheLine()
    {
        var table = new FlowTable(1000);

        for (var slot = 0; slot < table.Capacity; slot += 37)
            Assert.Equal(0, (long)Unsafe.AsPointer(ref table[slot]) % 64);
    }
}
