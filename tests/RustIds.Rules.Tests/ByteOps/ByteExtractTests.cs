using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteExtractTests
{
    [Fact]
    public void Evaluate_Binary_StoresValueAndMovesCursorPastField()
    {
        var variables = new ByteVariables();
        var extract = Assert.IsType<ByteExtract>(ByteOpsHelper.Parse("byte_extract", "2,1,len", variables));
        byte[] buffer = [0xEE, 0x01, 0x02, 0xEE];
        long[] values = new long[8];
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(extract, buffer, ref cursor, values));
        Assert.Equal(0x0102, values[0]);
        Assert.Equal(3, cursor);
        Assert.Equal(0, extract.VariableIndex);
        Assert.Equal("len", extract.VariableName);
    }

    [Theory]
    [InlineData("1,0,x,relative,multiplier 3", 9)]
    [InlineData("1,0,x,relative,multiplier 3,align 4", 12)]
    [InlineData("1,0,x,relative,align 2", 4)]
    [InlineData("1,0,x,relative,bitmask 0x0C", 0)] // (3 & 0xC) >> 2 = 0
    public void Evaluate_MultiplierAlignBitmask_AdjustStoredValue(string value, long expected)
    {
        byte[] buffer = [0xEE, 0x03];
        long[] values = new long[8];
        int cursor = 1;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_extract", value), buffer, ref cursor, values));
        Assert.Equal(expected, values[0]);
        Assert.Equal(2, cursor);
    }

    [Fact]
    public void Evaluate_StringField_CursorAfterDigits()
    {
        long[] values = new long[8];
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_extract", "5,0,n,string,dec"), ByteOpsHelper.Ascii("42;zz"), ref cursor, values));
        Assert.Equal(42, values[0]);
        Assert.Equal(2, cursor);
    }

    [Fact]
    public void Evaluate_HeartbleedRuleSequence_MatchesOversizedHeartbeat()
    {
        // ET sid 2018389 after content:"|18 03|" (cursor 2): TLS heartbeat record with
        // version 03 02, record length 0x0003, heartbeat type 01, payload length 0x4000 (> record).
        byte[] record = [0x18, 0x03, 0x02, 0x00, 0x03, 0x01, 0x40, 0x00];
        var variables = new ByteVariables();
        ByteOperation version = ByteOpsHelper.Parse("byte_test", "1,<,4,0,relative", variables);
        ByteOperation extract = ByteOpsHelper.Parse("byte_extract", "2,1,rec_len,relative", variables);
        ByteOperation big = ByteOpsHelper.Parse("byte_test", "2,>,150,1,relative", variables);
        ByteOperation overRecord = ByteOpsHelper.Parse("byte_test", "2,>,rec_len,1,relative", variables);
        long[] values = new long[variables.Capacity];
        int cursor = 2;

        Assert.True(ByteOpsHelper.Eval(version, record, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(extract, record, ref cursor, values));
        Assert.Equal(5, cursor);                 // content:"|01|"; within:1 would now look at index 5
        Assert.Equal(0x01, record[cursor]);
        Assert.Equal(3, values[0]);
        Assert.True(ByteOpsHelper.Eval(big, record, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(overRecord, record, ref cursor, values));
    }

    [Fact]
    public void Evaluate_TooShortVariableSpan_NoMatchAndCounted()
    {
        var counters = new ByteOperationCounters();
        int cursor = 0;

        Assert.False(ByteOpsHelper.Parse("byte_extract", "1,0,x").Evaluate(new byte[] { 1 }, ref cursor, Span<long>.Empty, counters));
        Assert.Equal(1, counters.BadVariable);
    }

    [Fact]
    public void TryParse_NinthVariable_Rejected()
    {
        var variables = new ByteVariables();
        for (int i = 0; i < 8; i++)
        {
            ByteOpsHelper.Parse("byte_extract", $"1,{i},v{i}", variables);
        }

        bool ok = ByteOperationParser.TryParse("byte_extract", "1,0,v8", variables, out _, out string? error, out int offset);

        Assert.False(ok);
        Assert.Contains("at most 8", error, StringComparison.Ordinal);
        Assert.Equal(4, offset);
        Assert.Equal(8, variables.Count);
    }

    [Fact]
    public void TryParse_FailedValue_DoesNotDefineVariable()
    {
        var variables = new ByteVariables();

        Assert.False(ByteOperationParser.TryParse("byte_extract", "1,0,x,bogus", variables, out _, out _, out _));
        Assert.Equal(0, variables.Count);
    }

    [Fact]
    public void TryParse_RedefinedName_ReusesSlotAndLaterReadSeesLatestValue()
    {
        // Snort 3 community sid 36611 extracts string_size twice in one rule.
        var variables = new ByteVariables();
        var first = Assert.IsType<ByteExtract>(ByteOpsHelper.Parse("byte_extract", "1,0,string_size,relative", variables));
        var second = Assert.IsType<ByteExtract>(ByteOpsHelper.Parse("byte_extract", "1,0,string_size,relative", variables));
        ByteOperation test = ByteOpsHelper.Parse("byte_test", "1,=,string_size,0", variables);
        byte[] buffer = [0x09, 0x04];
        long[] values = new long[8];
        int cursor = 0;

        Assert.Equal(first.VariableIndex, second.VariableIndex);
        Assert.Equal(1, variables.Count);
        Assert.True(ByteOpsHelper.Eval(first, buffer, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(second, buffer, ref cursor, values));
        Assert.Equal(4, values[0]);
        Assert.False(ByteOpsHelper.Eval(test, buffer, ref cursor, values)); // byte 0 is 9, not the latest 4
    }

    [Fact]
    public void Evaluate_ByteJumpWithVariableByteCount_ReadsThatManyBytes()
    {
        var variables = new ByteVariables();
        ByteOperation width = ByteOpsHelper.Parse("byte_extract", "1,0,width", variables);
        ByteOperation jump = ByteOpsHelper.Parse("byte_jump", "width,0,relative", variables);
        byte[] buffer = [0x02, 0x00, 0x03, 0xAA, 0xBB, 0xCC, 0xDD];
        long[] values = new long[8];
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(width, buffer, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(jump, buffer, ref cursor, values));
        Assert.Equal(6, cursor); // 2-byte length 3 read at 1..2, jump 3 from 3
    }
}
