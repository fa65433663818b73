using RustIds.Detection.Behaviour;
using RustIds.Packets;

namespace RustIds.Detection.Tests.Behaviour;

public sealed class BoundedTableTests
{
    [Fact]
    public void GetOrAdd_SameKey_ReturnsTheSameState()
    {
        var table = new BoundedTable<AddressKey, int>(64);
        var key = new AddressKey(IpAddr.Parse("203.0.113.7"));

        table.GetOrAdd(key, 1) = 41;
        table.GetOrAdd(key, 2)++;

        Assert.Equal(42, table.GetOrAdd(key, 3));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void GetOrAdd_GivesEachEntryAStableSlotWithinTheCapacity()
    {
        var table = new BoundedTable<AddressKey, int>(64);
        var first = new AddressKey(IpAddr.Parse("198.51.100.1"));
        var second = new AddressKey(IpAddr.Parse("198.51.100.2"));

        table.GetOrAdd(first, 1, out var firstSlot);
        table.GetOrAdd(second, 1, out var secondSlot);
        table.GetOrAdd(first, 2, out var again);

        Assert.Equal(firstSlot, again);
        Assert.NotEqual(firstSlot, secondSlot);
        Assert.InRange(firstSlot, 0, table.Capacity - 1);
        Assert.InRange(secondSlot, 0, table.Capacity - 1);
    }

    [Fact]
    public void GetOrAdd_MoreKeysThanCapacity_StaysBoundedAndEvictsTheStalest()
    {
        var table = new BoundedTable<AddressKey, long>(1024);
        for (uint i = 0; i < 100_000; i++)
            table.GetOrAdd(new AddressKey(IpAddr.FromV4(0x0A000000 + i)), i) = i;

        Assert.Equal(table.Capacity, table.Count);
        Assert.Equal(100_000 - table.Capacity, table.Evictions);
        // The newest keys are still there, with their own state; the first ones were evicted and start over.
        Assert.Equal(99_999, table.GetOrAdd(new AddressKey(IpAddr.FromV4(0x0A000000 + 99_999)), 100_001));
        Assert.Equal(0, table.GetOrAdd(new AddressKey(IpAddr.FromV4(0x0A000000)), 100_002));
    }

    [Fact]
    public void Hash_IsTheSameInEveryProcess()
    {
        // Table placement decides evictions; a per-process seed would make replays differ.
        // MurmurHash3's fmix64 of 1, computed independently.
        Assert.Equal(12994781566227106604UL, KeyHash.Mix(1));
    }
}
