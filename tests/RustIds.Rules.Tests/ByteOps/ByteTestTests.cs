using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteTestTests
{
    // Two bytes 0x12 0x34: big-endian 0x1234 = 4660, little-endian 0x3412.
    private static readonly byte[] Word = [0x12, 0x34];

    [Theory]
    [InlineData("2,=,0x1234,0", true)]
    [InlineData("2,=,4660,0", true)]
    [InlineData("2,=,0x3412,0,little", true)]
    [InlineData("2,=,0x1234,0,big", true)]
    [InlineData("2,>,0x1233,0", true)]
    [InlineData("2,>,0x1234,0", false)]
    [InlineData("2,<,0x1234,0", false)]
    [InlineData("2,<=,0x1234,0", true)]
    [InlineData("2,>=,0x1235,0", false)]
    [InlineData("2,&,0x0004,0", true)]
    [InlineData("2,&,0x0001,0", false)]
    [InlineData("2,!&,0x0001,0", true)]
    [InlineData("2,^,0x1234,0", false)]
    [InlineData("2,^,0x1235,0", true)]
    [InlineData("2,!=,0x1234,0", false)]
    [InlineData("2,!=,0x1235,0", true)]
    [InlineData("2,!,0x1234,0", false)]
    [InlineData("2,! >,0x1000,0", false)]
    [InlineData("1,=,0x34,1", true)]
    [InlineData("1,=,064,1", true)] // leading 0 is octal, as strtoull base 0: 064 = 52 = 0x34
    [InlineData("  2 , = , 4660 , 0 ", true)]
    public void Evaluate_Operators_CompareUnsigned(string value, bool expected)
    {
        Assert.Equal(expected, ByteOpsHelper.Eval("byte_test", value, Word));
    }

    [Fact]
    public void Evaluate_EightBytesAllOnes_ComparesFullUnsignedRange()
    {
        byte[] buffer = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.True(ByteOpsHelper.Eval("byte_test", "8,=,0xFFFFFFFFFFFFFFFF,0", buffer));
        Assert.True(ByteOpsHelper.Eval("byte_test", "8,>,0x7FFFFFFFFFFFFFFF,0", buffer));
    }

    [Fact]
    public void Evaluate_Relative_ReadsFromCursorAndNegativeOffsetReadsBefore()
    {
        // "abcd" then a 16-bit length 5; the cursor sits after "abcd" as a content match would leave it.
        byte[] buffer = [(byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x00, 0x05];
        ByteOperation length = ByteOpsHelper.Parse("byte_test", "2,=,5,0,relative");
        ByteOperation before = ByteOpsHelper.Parse("byte_test", "1,=,0x64,-1,relative");
        int cursor = 4;

        Assert.True(ByteOpsHelper.Eval(length, buffer, ref cursor));
        Assert.True(ByteOpsHelper.Eval(before, buffer, ref cursor));
        Assert.Equal(4, cursor);
        cursor = 3;
        Assert.False(ByteOpsHelper.Eval(length, buffer, ref cursor));
    }

    [Theory]
    [InlineData("2,=,0,5", 0)]       // starts at 5, needs 2 bytes of 6
    [InlineData("1,=,0,-1", 0)]      // absolute negative offset
    [InlineData("1,=,0,0,relative", 6)] // cursor at end: nothing after it
    [InlineData("2,=,0,-7,relative", 6)]
    public void Evaluate_ReadOutsideBuffer_NoMatchAndCounted(string value, int cursor)
    {
        var counters = new ByteOperationCounters();
        byte[] buffer = new byte[6];

        Assert.False(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_test", value), buffer, ref cursor, counters: counters));
        Assert.Equal(1, counters.OutOfBounds);
    }

    [Theory]
    [InlineData("3,=,123,0,string,dec", "123abc", true)]
    [InlineData("3,=,123,0,string", "123abc", true)]         // string alone is decimal
    [InlineData("5,=,123,0,string,dec", "123abc", true)]     // stops at the first non-digit
    [InlineData("3,=,12,0,string,dec", " 12", true)]         // leading whitespace skipped (strtoull)
    [InlineData("3,=,12,0,string,dec", "+12", true)]
    [InlineData("4,=,255,0,string,hex", "00ff", true)]
    [InlineData("4,=,255,0,string,hex", "0xff", true)]
    [InlineData("4,=,0xAB,0,string,hex", "AbZZ", true)]
    [InlineData("3,=,8,0,string,oct", "010", true)]
    [InlineData("3,=,7,0,string,oct", "789", true)]          // 8 is not an octal digit
    [InlineData("2,>,10,0,string,dec", "11", true)]
    public void Evaluate_StringField_ParsesDigitsOfBase(string value, string data, bool expected)
    {
        Assert.Equal(expected, ByteOpsHelper.Eval("byte_test", value, ByteOpsHelper.Ascii(data)));
    }

    [Theory]
    [InlineData("0,>,4000,0,string,dec", "4001", true)]          // ET on http.content_len: whole buffer
    [InlineData("0,>,4000,0,string,dec", "4000", false)]
    [InlineData("0,=,12,1,string,dec", "x12 more", true)]        // from the offset to the first non-digit
    [InlineData("0,=,1234567,0,relative,string,dec", "1234567", true)]
    public void Evaluate_ZeroLengthStringField_ReadsToEndOfBuffer(string value, string data, bool expected)
    {
        Assert.Equal(expected, ByteOpsHelper.Eval("byte_test", value, ByteOpsHelper.Ascii(data)));
    }

    [Fact]
    public void Evaluate_ZeroLengthStringAtEnd_NotANumber()
    {
        var counters = new ByteOperationCounters();
        int cursor = 3;

        Assert.False(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_test", "0,=,0,0,relative,string,dec"), ByteOpsHelper.Ascii("123"), ref cursor, counters: counters));
        Assert.Equal(1, counters.NotANumber);
    }

    [Theory]
    [InlineData("3,=,0,0,string,dec", "abc")]
    [InlineData("3,=,0,0,string,dec", "-12")]
    [InlineData("3,=,0,0,string,oct", "9xx")]
    [InlineData("20,>,0,0,string,dec", "99999999999999999999")] // above 2^64-1
    public void Evaluate_StringFieldNotANumber_NoMatchAndCounted(string value, string data)
    {
        var counters = new ByteOperationCounters();
        int cursor = 0;

        Assert.False(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_test", value), ByteOpsHelper.Ascii(data), ref cursor, counters: counters));
        Assert.Equal(1, counters.NotANumber);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00 }, true)]  // (0x8000 & 0x8000) >> 15 = 1
    [InlineData(new byte[] { 0x7F, 0xFF }, false)] // masked to 0
    [InlineData(new byte[] { 0xFF, 0xFF }, true)]
    public void Evaluate_Bitmask_MasksThenShiftsByTrailingZeros(byte[] buffer, bool expected)
    {
        Assert.Equal(expected, ByteOpsHelper.Eval("byte_test", "2,=,1,0,bitmask 0x8000", buffer));
    }

    [Fact]
    public void Evaluate_LittleEndianBitmaskAsInCorpus_ReadsFlagBit()
    {
        // From an ET rule: byte_test:2,=,1,1,relative,little,bitmask 0x8000 -> bytes 00 80 LE = 0x8000.
        byte[] buffer = [0xAA, 0x00, 0x00, 0x80];

        Assert.True(ByteOpsHelper.Eval("byte_test", "2,=,1,1,relative,little,bitmask 0x8000", buffer, cursor: 1));
    }

    [Fact]
    public void Evaluate_ValueAndOffsetVariables_ResolvedFromSpan()
    {
        var variables = new ByteVariables();
        ByteOperation extract = ByteOpsHelper.Parse("byte_extract", "1,0,len", variables);
        ByteOperation extractOffset = ByteOpsHelper.Parse("byte_extract", "1,1,where", variables);
        ByteOperation test = ByteOpsHelper.Parse("byte_test", "1,=,len,where", variables);
        byte[] buffer = [0x07, 0x03, 0x00, 0x07];
        long[] values = new long[8];
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(extract, buffer, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(extractOffset, buffer, ref cursor, values));
        Assert.True(ByteOpsHelper.Eval(test, buffer, ref cursor, values));
        Assert.Equal(2, cursor); // byte_test does not move the cursor
        Assert.Equal(7, values[0]);
        Assert.Equal(3, values[1]);
    }

    [Fact]
    public void Evaluate_VariableIndexOutsideSpan_NoMatchAndCounted()
    {
        var variables = new ByteVariables();
        ByteOpsHelper.Parse("byte_extract", "1,0,len", variables);
        ByteOperation test = ByteOpsHelper.Parse("byte_test", "1,=,len,0", variables);
        var counters = new ByteOperationCounters();
        int cursor = 0;

        Assert.False(test.Evaluate(new byte[] { 1 }, ref cursor, Span<long>.Empty, counters));
        Assert.Equal(1, counters.BadVariable);
    }

    [Fact]
    public void TryParse_CorpusShape_ExposesParsedFields()
    {
        var test = Assert.IsType<ByteTest>(ByteOpsHelper.Parse("byte_test", "4,!&,0x80000000,-4,relative,little"));

        Assert.Equal(ByteTestOperator.BitwiseAnd, test.Operator);
        Assert.True(test.Negated);
        Assert.True(test.Relative);
        Assert.True(test.Field.LittleEndian);
        Assert.Equal(ByteOperand.FromLiteral(4), test.Field.Bytes);
        Assert.Equal(ByteOperand.FromLiteral(-4), test.Field.Offset);
        Assert.Equal(0x80000000L, test.Value.Literal);
        Assert.Equal(ByteNumberBase.Binary, test.Field.Base);
    }
}
