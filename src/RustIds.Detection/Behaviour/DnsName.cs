namespace RustIds.Detection.Behaviour;

/// <summary>Splits a query name into the part below its registered domain and the registered domain, and measures the former.</summary>
/// <remarks>
/// The registered domain is the last two labels, or three under a two-letter country code whose second
/// level is a generic one (<c>example.co.uk</c>). A heuristic, not the Public Suffix List: it is enough to
/// group a tunnel's queries, which all share one domain the attacker registered.
/// </remarks>
public static class DnsName
{
    /// <summary>The index where the registered domain starts (0 when the whole name is one).</summary>
    public static int RegisteredDomainStart(ReadOnlySpan<byte> name)
    {
        var last = name.LastIndexOf((byte)'.');
        if (last <= 0)
            return 0;
        var second = name[..last].LastIndexOf((byte)'.');
        if (second < 0)
            return 0;
        var tld = name[(last + 1)..];
        var secondLevel = name[(second + 1)..last];
        if (tld.Length == 2 && IsGenericSecondLevel(secondLevel))
        {
            var third = name[..second].LastIndexOf((byte)'.');
            return third < 0 ? 0 : third + 1;
        }
        return second + 1;
    }

    /// <summary>Shannon entropy in bits per character of <paramref name="text"/>, ignoring dots and letter case.</summary>
    /// <remarks>
    /// H = log2(n) − Σ c·log2(c) / n over the symbol counts c, with c·log2(c) from a table (a name is at most 253
    /// bytes): one logarithm per name instead of one per distinct symbol. The sum visits each symbol once, at its first
    /// occurrence in the text (clearing its count), not all 256 counts: a name has a few dozen characters, and a chain
    /// of 256 dependent additions was most of what DNS tunnel detection cost per candidate query.
    /// </remarks>
    public static double Entropy(ReadOnlySpan<byte> text)
    {
        Span<byte> counts = stackalloc byte[256];
        counts.Clear();
        var total = 0;
        foreach (var b in text)
        {
            if (b == (byte)'.')
                continue;
            counts[Lower(b)]++;
            total++;
        }
        if (total == 0 || total > MaxCounted)
            return 0;
        var weighted = 0.0;
        foreach (var b in text)
        {
            var c = Lower(b);
            var count = counts[c];
            if (count == 0 || b == (byte)'.')
                continue;
            weighted += CountLogCount[count];
            counts[c] = 0;
        }
        return Math.Log2(total) - weighted / total;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private const int MaxCounted = 255;

    /// <summary>c·log2(c) for c = 0…255 (0 for 0 and 1).</summary>
    private static readonly double[] CountLogCount = Enumerable.Range(0, MaxCounted + 1).Select(c => c < 2 ? 0 : c * Math.Log2(c)).ToArray();

    /// <summary>Characters other than dots (a label's letters, digits and hyphens).</summary>
    public static int LabelCharacters(ReadOnlySpan<byte> text) => text.Length - text.Count((byte)'.');

    private static bool IsGenericSecondLevel(ReadOnlySpan<byte> label) =>
        label.SequenceEqual("co"u8) || label.SequenceEqual("com"u8) || label.SequenceEqual("net"u8) || label.SequenceEqual("org"u8)
        || label.SequenceEqual("gov"u8) || label.SequenceEqual("edu"u8) || label.SequenceEqual("ac"u8) || label.SequenceEqual("or"u8)
        || label.SequenceEqual("ne"u8) || label.SequenceEqual("go"u8);
}
