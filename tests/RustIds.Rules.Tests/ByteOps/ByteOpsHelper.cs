using RustIds.Rules.ByteOps;

namespace RustIds.Rules.Tests.ByteOps;

/// <summary>Parse-or-fail helpers shared by the byte operation tests.</summary>
internal static class ByteOpsHelper
{
    public static ByteOperation Parse(string keyword, string value, ByteVariables? variables = null)
    {
        bool ok = ByteOperationParser.TryParse(keyword, value, variables ?? new ByteVariables(), out ByteOperation? op, out string? error, out int offset);
        Assert.True(ok, $"{keyword}:{value} -> {error} at {offset}");
        Assert.NotNull(op);
        return op;
    }

    public static bool Eval(ByteOperation op, byte[] buffer, ref int cursor, long[]? variables = null, ByteOperationCounters? counters = null) =>
        op.Evaluate(buffer, ref cursor, variables ?? new long[8], counters);

    public static bool Eval(string keyword, string value, byte[] buffer, int cursor = 0) =>
        Eval(Parse(keyword, value), buffer, ref cursor);

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
