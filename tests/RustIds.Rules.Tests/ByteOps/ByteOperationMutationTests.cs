using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

public sealed class ByteOperationMutationTests
{
    // Options of one rule, in order, so later ones can use the variables of earlier ones.
    private static readonly (string Keyword, string Value)[] RuleOptions =
    [
        ("byte_extract", "2,0,len,relative"),
        ("byte_extract", "1,0,cnt,relative,string,dec,multiplier 3,align 4"),
        ("byte_math", "bytes 1, offset 0, oper /, rvalue cnt, result quot, relative"),
        ("byte_math", "bytes 2, offset -1, oper <<, rvalue len, result sh, relative, endian little, bitmask 0ff0"),
        ("byte_math", "bytes len, offset 0, oper -, rvalue 3, result diff, string hex"),
        ("byte_test", "4,>,len,0,relative,little"),
        ("byte_test", "2,!&,0x8000,-2,relative,bitmask 0xF000"),
        ("byte_test", "0,>=,quot,0,string,dec"),
        ("byte_test", "cnt,=,diff,len,string,oct"),
        ("byte_jump", "2,0,relative,align,post_offset -3"),
        ("byte_jump", "4,-4,relative,from_beginning,little"),
        ("byte_jump", "1,len,from_end,post_offset -2,multiplier 65535"),
        ("byte_jump", "5,0,string,hex,relative"),
        ("isdataat", "len,relative"),
        ("isdataat", "!diff"),
        ("isdataat", "!1,relative"),
    ];

    [Fact]
    public void Evaluate_MutatedBuffersCursorsAndVariables_NeverThrowsAndCountsErrors()
    {
        var variables = new ByteVariables();
        var operations = new List<ByteOperation>();
        foreach ((string keyword, string value) in RuleOptions)
        {
            operations.Add(ByteOpsHelper.Parse(keyword, value, variables));
        }

        var random = new Random(20240601);
        var counters = new ByteOperationCounters();
        byte[] seed = [0x00, 0x10, 0x33, 0x30, 0x41, 0x80, 0x00, 0x00, 0x00, 0x04, 0x31, 0x32, 0x33, 0x20, 0xFF, 0xFF, 0x07, 0x61, 0x62, 0x63];
        long[] values = new long[variables.Capacity];
        int evaluations = 0;
        int matches = 0;
        while (evaluations < 200_000)
        {
            byte[] buffer = Mutate(seed, random);
            for (int length = 0; length <= buffer.Length && evaluations < 200_000; length += 1 + random.Next(4))
            {
                ReadOnlySpan<byte> truncated = buffer.AsSpan(0, length);
                int cursor = random.Next(8) == 0 ? random.Next(-3, length + 4) : random.Next(0, length + 1);
                if (random.Next(4) == 0)
                {
                    for (int v = 0; v < values.Length; v++)
                    {
                        values[v] = random.Next(3) switch { 0 => random.Next(-2, 40), 1 => random.NextInt64(), _ => long.MinValue };
                    }
                }

                Span<long> span = random.Next(50) == 0 ? values.AsSpan(0, random.Next(values.Length)) : values;
                foreach (ByteOperation op in operations)
                {
                    int before = cursor;
                    if (op.Evaluate(truncated, ref cursor, span, counters))
                    {
                        matches++;
                        Assert.InRange(cursor, 0, length);
                    }
                    else
                    {
                        Assert.Equal(before, cursor);
                    }

                    evaluations++;
                }
            }
        }

        Assert.True(matches > 1000, $"only {matches} matches: the mutations should not make every option fail");
        Assert.True(counters.OutOfBounds > 0);
        Assert.True(counters.NotANumber > 0);
        Assert.True(counters.JumpOutOfBounds > 0);
        Assert.True(counters.DivisionByZero > 0);
        Assert.True(counters.BadVariable > 0);
        Assert.True(counters.BadCursor > 0);
    }

    [Fact]
    public void TryParse_MutatedOptionText_NeverThrows()
    {
        var random = new Random(7);
        const string Alphabet = ",! -0123456789xabcdefrlxtivnugsp<>=&^*/+_ \t";
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 60_000; i++)
        {
            (string keyword, string value) = RuleOptions[random.Next(RuleOptions.Length)];
            char[] text = value.ToCharArray();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                text[at] = Alphabet[random.Next(Alphabet.Length)];
            }

            string mutated = new string(text)[..random.Next(text.Length + 1)];
            var variables = new ByteVariables();
            variables.Define("len");
            variables.Define("cnt");
            bool ok = ByteOperationParser.TryParse(keyword, mutated, variables, out ByteOperation? op, out string? error, out int offset);
            if (ok)
            {
                Assert.NotNull(op);
                parsed++;
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
                Assert.InRange(offset, 0, mutated.Length);
                rejected++;
            }
        }

        Assert.True(parsed > 1000 && rejected > 1000, $"parsed {parsed}, rejected {rejected}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] buffer = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0: // bit flips
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    buffer[random.Next(buffer.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1: // length-like fields set out of range
                buffer[random.Next(buffer.Length)] = 0xFF;
                buffer[random.Next(buffer.Length)] = 0x00;
                break;
            case 2: // random bytes
                random.NextBytes(buffer);
                break;
            default: // ASCII digits, so string conversions succeed sometimes
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = (byte)"0123456789abcdef x"[random.Next(18)];
                }

                break;
        }

        return buffer;
    }
}
