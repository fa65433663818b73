using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class IsDataAtTests
{
    [Theory]
    // value, buffer length, cursor, expected
    [InlineData("3", 4, 0, true)]          // byte at index 3 exists
    [InlineData("4", 4, 0, false)]         // index 4 does not: absolute is "N < length"
    [InlineData("!4", 4, 0, true)]
    [InlineData("0", 0, 0, false)]
    [InlineData("1,relative", 4, 3, true)] // one byte after the cursor
    [InlineData("1,relative", 4, 4, false)]
    [InlineData("2,relative", 4, 2, true)] // relative is "cursor + N <= length"
    [InlineData("3,relative", 4, 2, false)]
    [InlineData("0,relative", 4, 4, true)]
    [InlineData("!1,relative", 4, 4, true)]
    [InlineData("! 1, relative", 4, 3, false)]
    [InlineData("1,relative,rawbytes", 4, 0, true)]
    public void Evaluate_Boundaries_FollowSuricata(string value, int length, int cursor, bool expected)
    {
        Assert.Equal(expected, ByteOpsHelper.Eval("isdataat", value, new byte[length], cursor));
    }

    [Theory]
    [InlineData(2L, true)]
    [InlineData(3L, false)]
    [InlineData(-1L, false)]             // 2^64-1 as unsigned: far past the end
    [InlineData(long.MaxValue, false)]
    public void Evaluate_VariablePosition_Resolved(long position, bool expected)
    {
        var variables = new ByteVariables();
        ByteOpsHelper.Parse("byte_extract", "1,0,len", variables);
        ByteOperation present = ByteOpsHelper.Parse("isdataat", "len,relative", variables);
        ByteOperation absent = ByteOpsHelper.Parse("isdataat", "!len,relative", variables);
        long[] values = [position, 0, 0, 0, 0, 0, 0, 0];
        int cursor = 2;

        Assert.Equal(expected, ByteOpsHelper.Eval(present, new byte[4], ref cursor, values));
        Assert.Equal(!expected, ByteOpsHelper.Eval(absent, new byte[4], ref cursor, values));
    }

    [Fact]
    public void Evaluate_CursorOutsideBuffer_NoMatchAndCounted()
    {
        var counters = new ByteOperationCounters();
        int cursor = 9;

        Assert.False(ByteOpsHelper.Eval(ByteOpsHelper.Parse("isdataat", "!1,relative"), new byte[4], ref cursor, counters: counters));
        Assert.Equal(1, counters.BadCursor);
    }
}
