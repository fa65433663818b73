using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteJumpTests
{
    [Theory]
    // value, buffer length, expected cursor (-1 = no match). Length byte at 0, jump from after it.
    [InlineData("1,0", 3, 10, 4)]
    [InlineData("1,0", 3, 4, 4)]          // lands exactly on the end: match (Suricata 7)
    [InlineData("1,0", 4, 4, -1)]         // one past the end: no match
    [InlineData("1,0,multiplier 2", 2, 10, 5)]
    [InlineData("1,0,align", 5, 20, 9)]   // 5 rounds up to 8
    [InlineData("1,0,align", 8, 20, 9)]
    [InlineData("1,0,post_offset 2", 3, 10, 6)]
    [InlineData("1,0,post_offset -1", 3, 10, 3)]
    [InlineData("1,0,from_beginning", 2, 10, 2)]
    [InlineData("1,0,from_beginning,post_offset -10", 1, 10, 0)] // before the start clamps to 0
    [InlineData("1,0,from_end,post_offset -2", 0, 10, 8)]
    [InlineData("1,0,from_end", 1, 10, -1)]
    [InlineData("1,0,bitmask 0xF0", 0x35, 10, 4)] // (0x35 & 0xF0) >> 4 = 3
    public void Evaluate_LengthByte_MovesCursor(string value, byte length, int bufferLength, int expectedCursor)
    {
        byte[] buffer = new byte[bufferLength];
        buffer[0] = length;
        var counters = new ByteOperationCounters();
        int cursor = 0;

        bool matched = ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_jump", value), buffer, ref cursor, counters: counters);

        Assert.Equal(expectedCursor >= 0, matched);
        Assert.Equal(expectedCursor >= 0 ? expectedCursor : 0, cursor);
        Assert.Equal(matched ? 0 : 1, counters.JumpOutOfBounds);
    }

    [Fact]
    public void Evaluate_RelativeFromBeginningNegativeOffset_ReadsBehindCursor()
    {
        // SMB-style rule: byte_jump:4,-4,relative,from_beginning,little; a 32-bit LE offset 10 just before the cursor.
        byte[] buffer = new byte[16];
        buffer[4] = 10;
        int cursor = 8;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_jump", "4,-4,relative,from_beginning,little"), buffer, ref cursor));
        Assert.Equal(10, cursor);
    }

    [Fact]
    public void Evaluate_RpcStyleRelativeAlign_SkipsPaddedString()
    {
        // ONC RPC opaque: 4-byte length 5, "hello", 3 pad bytes, then 0xAA.  byte_jump:4,0,relative,align
        byte[] buffer = [0xFF, 0x00, 0x00, 0x00, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 0, 0, 0xAA];
        int cursor = 1;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_jump", "4,0,relative,align"), buffer, ref cursor));
        Assert.Equal(13, cursor);
        Assert.Equal(0xAA, buffer[cursor]);
    }

    [Fact]
    public void Evaluate_StringLength_JumpsFromLastDigit()
    {
        // "12;" then data: 3-byte string field consumes "12" only, jump 12 from index 2.
        byte[] buffer = ByteOpsHelper.Ascii("12;xxxxxxxxxxxxxxxxxx");
        int cursor = 0;

        Assert.True(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_jump", "3,0,string,dec"), buffer, ref cursor));
        Assert.Equal(14, cursor);
    }

    [Fact]
    public void Evaluate_HugeLength_NoMatchCursorUnchanged()
    {
        byte[] buffer = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00];
        var counters = new ByteOperationCounters();
        int cursor = 0;

        Assert.False(ByteOpsHelper.Eval(ByteOpsHelper.Parse("byte_jump", "8,0,multiplier 65535"), buffer, ref cursor, counters: counters));
        Assert.Equal(0, cursor);
        Assert.Equal(1, counters.JumpOutOfBounds);
    }

    [Fact]
    public void TryParse_AllOptions_ExposesFields()
    {
        var jump = Assert.IsType<ByteJump>(ByteOpsHelper.Parse("byte_jump", "2,-10,relative,from_beginning,little,post_offset 10, multiplier 4 ,align"));

        Assert.True(jump.Relative);
        Assert.True(jump.FromBeginning);
        Assert.False(jump.FromEnd);
        Assert.True(jump.Align);
        Assert.Equal(4, jump.Multiplier);
        Assert.Equal(10, jump.PostOffset);
        Assert.Equal(-10, jump.Field.Offset.Literal);
        Assert.Equal("byte_jump", jump.Keyword);
    }
}
