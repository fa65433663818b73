using System.Globalization;

namespace RustIds.Rules.Conditions;

/// <summary>A numeric test as rules write it: <c>5</c>, <c>!5</c>, <c>&lt;5</c>, <c>&gt;=5</c>, <c>3&lt;&gt;9</c> (exclusive), <c>3-9</c> and Snort 3's <c>3&lt;=&gt;9</c> (inclusive).</summary>
public readonly record struct NumericRange(NumericOperator Operator, long Low, long High)
{
    /// <summary>Whether <paramref name="value"/> passes the test.</summary>
    public bool Contains(long value) => Operator switch
    {
        NumericOperator.Equal => value == Low,
        NumericOperator.NotEqual => value != Low,
        NumericOperator.Less => value < Low,
        NumericOperator.LessOrEqual => value <= Low,
        NumericOperator.Greater => value > Low,
        NumericOperator.GreaterOrEqual => value >= Low,
        NumericOperator.Between => value > Low && value < High,
        _ => value >= Low && value <= High,
    };

    /// <summary>Parses <paramref name="text"/>; on failure returns false with a message and the offending offset.</summary>
    public static bool TryParse(string text, long max, out NumericRange range, out string? error, out int errorAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = default;
        error = null;
        errorAt = 0;
        var s = text.Trim();
        var lead = text.Length - text.TrimStart().Length;
        var inclusive = s.IndexOf("<=>", StringComparison.Ordinal);
        if (inclusive > 0)
            return TryPair(s, inclusive, 3, NumericOperator.Inclusive, max, lead, out range, out error, out errorAt);
        var between = s.IndexOf("<>", StringComparison.Ordinal);
        if (between > 0)
            return TryPair(s, between, 2, NumericOperator.Between, max, lead, out range, out error, out errorAt);
        var dash = s.IndexOf('-', 1);
        if (dash > 0 && char.IsAsciiDigit(s[0]))
            return TryPair(s, dash, 1, NumericOperator.Inclusive, max, lead, out range, out error, out errorAt);
        var (op, length) = s switch
        {
            _ when s.StartsWith("<=", StringComparison.Ordinal) => (NumericOperator.LessOrEqual, 2),
            _ when s.StartsWith(">=", StringComparison.Ordinal) => (NumericOperator.GreaterOrEqual, 2),
            _ when s.StartsWith("!=", StringComparison.Ordinal) => (NumericOperator.NotEqual, 2),
            _ when s.StartsWith('<') => (NumericOperator.Less, 1),
            _ when s.StartsWith('>') => (NumericOperator.Greater, 1),
            _ when s.StartsWith('!') => (NumericOperator.NotEqual, 1),
            _ when s.StartsWith('=') => (NumericOperator.Equal, 1),
            _ => (NumericOperator.Equal, 0),
        };
        if (!TryNumber(s[length..], max, out var value))
        {
            error = $"invalid number '{s[length..].Trim()}' (expected 0..{max.ToString(CultureInfo.InvariantCulture)})";
            errorAt = lead + length;
            return false;
        }
        range = new NumericRange(op, value, value);
        return true;
    }

    private static bool TryPair(string s, int at, int width, NumericOperator op, long max, int lead, out NumericRange range, out string? error, out int errorAt)
    {
        range = default;
        error = null;
        errorAt = 0;
        if (!TryNumber(s[..at], max, out var low))
        {
            error = $"invalid number '{s[..at].Trim()}'";
            errorAt = lead;
            return false;
        }
        if (!TryNumber(s[(at + width)..], max, out var high))
        {
            error = $"invalid number '{s[(at + width)..].Trim()}'";
            errorAt = lead + at + width;
            return false;
        }
        if (high < low)
        {
            error = "range end is below its start";
            errorAt = lead;
            return false;
        }
        range = new NumericRange(op, low, high);
        return true;
    }

    private static bool TryNumber(string text, long max, out long value)
    {
        var t = text.Trim();
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value <= max;
    }
}
