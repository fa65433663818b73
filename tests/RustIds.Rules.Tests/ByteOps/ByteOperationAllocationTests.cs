using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

[Collection(AllocationCollection.Name)]
public sealed class ByteOperationAllocationTests
{
    [Fact]
    public void Evaluate_SteadyState_AllocatesNothing()
    {
        // Heartbleed-style record after content:"|18 03|", then an RPC-style padded string and a flag word.
        byte[] buffer = [0x18, 0x03, 0x02, 0x00, 0x03, 0x01, 0x40, 0x00, 0x00, 0x00, 0x00, 0x02, 0x68, 0x69, 0x00, 0x00, 0x80, 0x01, 0x31, 0x32];
        var variables = new ByteVariables();
        ByteOperation[] rule =
        [
            ByteOpsHelper.Parse("byte_test", "1,<,4,0,relative", variables),
            ByteOpsHelper.Parse("byte_extract", "2,1,rec_len,relative", variables),
            ByteOpsHelper.Parse("byte_test", "2,>,rec_len,1,relative", variables),
            ByteOpsHelper.Parse("byte_math", "bytes 1, offset 0, oper *, rvalue rec_len, result x, relative", variables),
            ByteOpsHelper.Parse("byte_jump", "4,2,relative,align", variables),
            ByteOpsHelper.Parse("byte_test", "2,=,1,0,relative,bitmask 0x8000", variables),
            ByteOpsHelper.Parse("byte_test", "2,=,12,2,relative,string,dec", variables),
            ByteOpsHelper.Parse("isdataat", "!5,relative", variables),
        ];
        long[] values = new long[variables.Capacity];
        var counters = new ByteOperationCounters();

        int matched = Run(rule, buffer, values, counters, 1_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        matched += Run(rule, buffer, values, counters, 100_000);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
        Assert.Equal(101_000, matched);
    }

    private static int Run(ByteOperation[] rule, byte[] buffer, long[] values, ByteOperationCounters counters, int iterations)
    {
        int matched = 0;
        for (int i = 0; i < iterations; i++)
        {
            int cursor = 2;
            bool all = true;
            foreach (ByteOperation op in rule)
            {
                all &= op.Evaluate(buffer, ref cursor, values, counters);
            }

            matched += all ? 1 : 0;
        }

        return matched;
    }
}
