namespace RustIds.Packets.Tests.Streams;

using RustIds.Packets.Streams;

public sealed class BufferPoolTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(4096, 4096)]
    [InlineData(5000, 8192)]
    public void Rent_GivesTheNextPowerOfTwo(int length, int expected)
    {
        var pool = new BufferPool<byte>(maxLength: 1 << 20);

        Assert.Equal(expected, pool.Rent(length).Length);
    }

    [Fact]
    public void Return_ThenRent_SameLengthClass_GivesTheArraysBackLastInFirstOut()
    {
        var pool = new BufferPool<byte>(maxLength: 1 << 20);
        var first = pool.Rent(3000);
        var second = pool.Rent(4096);
        var other = pool.Rent(100);
        pool.Return(first);
        pool.Return(second);
        pool.Return(other);

        Assert.Same(second, pool.Rent(2049));
        Assert.Same(first, pool.Rent(4000));
        Assert.NotSame(first, pool.Rent(4000));
        Assert.Same(other, pool.Rent(128));
    }

    [Fact]
    public void LongerThanMax_AllocatedExactlyAndNotKept()
    {
        var pool = new BufferPool<byte>(maxLength: 1024);
        var big = pool.Rent(3000);
        Assert.Equal(3000, big.Length);
        pool.Return(big);

        Assert.NotSame(big, pool.Rent(3000));
    }

    [Fact]
    public void OnceWarm_RentAndReturnAllocateNothing()
    {
        var pool = new BufferPool<byte>(maxLength: 1 << 20);
        var held = new byte[100][];
        for (var round = 0; round < 2; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < held.Length; i++)
                held[i] = pool.Rent(1 << (4 + (i % 12)));
            foreach (var array in held)
                pool.Return(array);
            if (round == 1)
                Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
