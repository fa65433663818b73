using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteOperationParserTests
{
    [Theory]
    // keyword, value, text whose last occurrence the error offset points at ("" = end of value), message fragment
    [InlineData("byte_test", "", "", "missing arguments")]
    [InlineData("byte_test", "2,,=,1", ",=", "empty argument")]
    [InlineData("byte_test", "2,=,1", "", "needs")]
    [InlineData("byte_test", "2,~,1,0", "~", "operator")]
    [InlineData("byte_test", "9,=,1,0", "9", "number of bytes")]
    [InlineData("byte_test", "0,=,1,5", "0", "number of bytes")] // 0 is only valid with string
    [InlineData("byte_test", "24,=,1,0,string", "24", "number of bytes")]
    [InlineData("byte_test", "2,=,-1,0", "-1", "unsigned")]
    [InlineData("byte_test", "2,=,nope,0", "nope", "unknown variable")]
    [InlineData("byte_test", "2,=,1,70000", "70000", "offset")]
    [InlineData("byte_test", "2,=,1,0,hex", "hex", "requires 'string'")]
    [InlineData("byte_test", "2,=,1,0,string,big", "big", "no meaning")]
    [InlineData("byte_test", "2,=,1,0,big,little", "little", "conflicts")]
    [InlineData("byte_test", "2,=,1,0,relative,relative", "relative", "conflicts")]
    [InlineData("byte_test", "2,=,1,0,bitmask 0", "0", "bitmask")]
    [InlineData("byte_test", "2,=,1,0,bitmask", "", "bitmask")]
    [InlineData("byte_test", "2,=,1,0,dce", "dce", "dce requires the DCE/RPC parser")]
    [InlineData("byte_test", "2,=,1,0,frobnicate", "frobnicate", "unknown byte_test option")]
    [InlineData("byte_jump", "4", "", "needs")]
    [InlineData("byte_jump", "4,0,from_beginning,from_end", "4", "together")]
    [InlineData("byte_jump", "4,0,multiplier 0", "0", "multiplier")]
    [InlineData("byte_jump", "4,0,multiplier", "", "multiplier")]
    [InlineData("byte_jump", "4,0,post_offset 70000", "70000", "post_offset")]
    [InlineData("byte_jump", "4,0,align 4", "4", "takes no value")]
    [InlineData("byte_jump", "4,0,align,align", "align", "twice")]
    [InlineData("byte_jump", "4,0,relative,dce,align", "dce", "dce requires the DCE/RPC parser")]
    [InlineData("byte_extract", "4,0", "", "needs")]
    [InlineData("byte_extract", "4,0,1abc", "1abc", "invalid variable name")]
    [InlineData("byte_extract", "4,0,x,align 3", "3", "align")]
    [InlineData("byte_extract", "21,0,x,string,dec", "21", "number of bytes")]
    [InlineData("byte_extract", "15,0,x,string,hex", "15", "number of bytes")]
    [InlineData("byte_extract", "4,0,x,post_offset 2", "post_offset 2", "unknown byte_extract option")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 1", "", "needs 'result'")]
    [InlineData("byte_math", "bytes 4, offset 0, oper %, rvalue 1, result r", "%", "operator")]
    [InlineData("byte_math", "bytes 5, offset 0, oper <<, rvalue 1, result r", "5", "number of bytes")]
    [InlineData("byte_math", "bytes 9, offset 0, oper +, rvalue 1, result r", "9", "number of bytes")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 4294967296, result r", "4294967296", "rvalue")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue x, result r", "x, result", "unknown variable")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 1, result r, dce", "dce", "dce requires the DCE/RPC parser")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 1, result r, string bin", "bin", "hex, dec or oct")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 1, result r, oper -", "oper -", "twice")]
    [InlineData("byte_math", "bytes 4, offset 0, oper +, rvalue 1, result r, bitmask zz", "zz", "bitmask")]
    [InlineData("isdataat", "!x", "x", "unknown variable")]
    [InlineData("isdataat", "-1", "-1", "isdataat position")]
    [InlineData("isdataat", "1,foo", "foo", "unknown isdataat option")]
    [InlineData("isdataat", "1,relative,relative", "relative", "twice")]
    [InlineData("byte_foo", "1", "1", "not a byte operation keyword")]
    public void TryParse_InvalidValue_ReportsMessageAndOffset(string keyword, string value, string at, string fragment)
    {
        bool ok = ByteOperationParser.TryParse(keyword, value, new ByteVariables(), out ByteOperation? op, out string? error, out int offset);

        Assert.False(ok);
        Assert.Null(op);
        Assert.NotNull(error);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        // The error points at the last occurrence of `at` (a repeated option is reported where it repeats).
        int expected = at.Length == 0 ? value.Length : value.LastIndexOf(at, StringComparison.Ordinal);
        Assert.Equal(expected, offset);
    }

    [Theory]
    [InlineData("byte_test", "1,>,0,0", typeof(ByteTest))]
    [InlineData("BYTE_TEST", "1, >, 0, 0, Relative, LITTLE", typeof(ByteTest))]
    [InlineData("byte_jump", "1,0, from_beginning", typeof(ByteJump))]
    [InlineData("byte_jump", "4,0,relative,little,post_offset -1", typeof(ByteJump))]
    [InlineData("byte_jump", "12,0,relative,string,oct,multiplier 1", typeof(ByteJump))]
    [InlineData("byte_extract", "2,0,x,relative,little,multiplier 2,align 4,bitmask 0xfff", typeof(ByteExtract))]
    [InlineData("byte_math", "bytes 2,offset 0,oper >>,rvalue 3,result x,relative,endian big,bitmask 0x0F00", typeof(ByteMath))]
    [InlineData("isdataat", "1, relative", typeof(IsDataAt))]
    [InlineData("isdataat", "!0", typeof(IsDataAt))]
    public void TryParse_ValidValue_ReturnsOperationType(string keyword, string value, Type expected)
    {
        Assert.IsType(expected, ByteOpsHelper.Parse(keyword, value));
    }

    [Fact]
    public void ByteVariables_DefineAndResolve_CaseSensitiveInOrder()
    {
        var variables = new ByteVariables(new ByteOperationOptions { MaxVariables = 2 });

        Assert.Equal(0, variables.Define("len"));
        Assert.Equal(1, variables.Define("Len"));
        Assert.Equal(-1, variables.Define("other")); // full
        Assert.Equal(0, variables.Define("len"));    // redefinition reuses the slot
        Assert.True(variables.TryResolve("Len", out int index));
        Assert.Equal(1, index);
        Assert.False(variables.TryResolve("LEN", out index));
        Assert.Equal(-1, index);
        Assert.Equal(2, variables.Count);
        Assert.Equal("len", variables.NameOf(0));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("rec_len2", true)]
    [InlineData("_x", false)]
    [InlineData("2x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void ByteVariables_IsValidName_LetterThenWordCharacters(string name, bool expected)
    {
        Assert.Equal(expected, ByteVariables.IsValidName(name));
    }

    [Fact]
    public void ByteOperand_Resolve_LiteralOrVariableOrZero()
    {
        long[] values = [5, 6];

        Assert.Equal(9, ByteOperand.FromLiteral(9).Resolve(values));
        Assert.Equal(6, ByteOperand.FromVariable(1).Resolve(values));
        Assert.Equal(0, ByteOperand.FromVariable(2).Resolve(values));
        Assert.False(ByteOperand.FromVariable(2).TryResolve(values, out _));
        Assert.True(ByteOperand.FromVariable(0).IsVariable);
    }
}
