using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteMathTests
{
    [Theory]
    [InlineData("bytes 2, offset 0, oper +, rvalue 10, result r", new byte[] { 0x00, 0x05 }, 15L)]
    [InlineData("bytes 2, offset 0, oper -, rvalue 2, result r", new byte[] { 0x00, 0x01 }, -1L)] // wraps to 2^64-1
    [InlineData("bytes 1, offset 0, oper *, rvalue 3, result r", new byte[] { 0x07 }, 21L)]
    [InlineData("bytes 1, offset 0, oper /, rvalue 2, result r", new byte[] { 0x07 }, 3L)]
    [InlineData("bytes 1, offset 0, oper <<, rvalue 4, result r", new byte[] { 0x01 }, 16L)]
    [InlineData("bytes 1, offset 0, oper >>, rvalue 1, result r", new byte[] { 0x08 }, 4L)]
    [InlineData("bytes 1, offset 0, oper <<, rvalue 64, result r", new byte[] { 0x01 }, 0L)]
    [InlineData("bytes 1, offset 0, oper +, rvalue 1, result r, bitmask f0", new byte[] { 0x0F }, 1L)] // (0x10 & 0xF0) >> 4
    [InlineData("bytes 2, offset 0, oper +, rvalue 0, result r, endian little", new byte[] { 0x01, 0x02 }, 0x0201L)]
    [InlineData("bytes 3, offset 0, oper *, rvalue 2, result r, string dec", new byte[] { 0x31, 0x32, 0x33 }, 246L)]
    [InlineData("result r, rvalue 1, oper +, offset 1, bytes 1, relative", new byte[] { 0x00, 0x00, 0x09 }, 10L)]
    public void Evaluate_Operators_StoreResult(string value, byte[] buffer, long expected)
    {
        long[] values = new long[8];
        int cursor = value.Contains("relative", StringComparison.Ordinal) ? 1 : 0;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_math", value), buffer, ref cursor, values));
        Assert.Equal(expected, values[0]);
    }

    [Fact]
    public void Evaluate_DivisionByZero_NoMatchAndCounted()
    {
        var counters = new ByteOperationCounters();
        long[] values = [99, 0, 0, 0, 0, 0, 0, 0];
        int cursor = 0;

        bool matched = ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_math", "bytes 1, offset 0, oper /, rvalue 0, result r"), [0x07], ref cursor, values, counters);

        Assert.False(matched);
        Assert.Equal(1, counters.DivisionByZero);
        Assert.Equal(99, values[0]); // untouched on no match
        Assert.Equal(0, cursor);
    }

    [Fact]
    public void Evaluate_RValueVariableAndResultUsedByByteTest_ChainsValues()
    {
        var variables = new ByteVariables();
        ByteOperation extract = ByteOpsHelper.Parse("byte_extract", "1,0,hdr", variables);
        var math = Assert.IsType<ByteMath>(ByteOpsHelper.Parse("byte_math", "bytes 1, offset 0, oper +, rvalue hdr, result total, relative", variables));
        ByteOperation test = ByteOpsHelper.Parse("byte_test", "1,=,total,0,relative", variables);
        byte[] buffer = [0x02, 0x03, 0x05];
        long[] values = new long[8];
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(extract, buffer, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(math, buffer, ref cursor, values));
        Assert.Equal(5, values[1]);
        Assert.Equal(2, cursor); // byte_math moves the cursor past its bytes, as Suricata does
        Assert.True(ByteOpsHelper.Eval(test, buffer, ref cursor, values));
        Assert.Equal(1, math.ResultIndex);
        Assert.Equal(ByteOperand.FromVariable(0), math.RValue);
    }
}
