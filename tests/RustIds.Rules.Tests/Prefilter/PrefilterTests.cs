using System.Text;
using RustIds.Rules.Prefilter;

namespace RustIds.Rules.Tests.Prefilter;

/// <summary>Both multi-pattern engines on hand-picked cases; each answer is checked against a naive search.</summary>
public sealed class PrefilterTests
{
    public static TheoryData<PrefilterEngine> Engines => [PrefilterEngine.Hyperscan, PrefilterEngine.AhoCorasick];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Scan_OverlapsSuffixesCaseAndNul_ReportsEveryOccurringPatternOnce(PrefilterEngine engine)
    {
        MultiPattern[] patterns =
        [
            new(0, Bytes("he"), false),
            new(1, Bytes("she"), false),
            new(2, Bytes("hers"), false),
            new(3, Bytes("HIS"), true),
            new(4, [0x00, 0x01, 0x00], false),
            new(5, Bytes("end"), false),
            new(6, Bytes("she"), true),
            new(7, Bytes("SHE"), false),
            new(8, Bytes("x"), false),
        ];
        using var database = MultiPatternDatabase.Compile(patterns, engine);
        using var scanner = database.CreateScanner();

        var hits = Scan(scanner, database, [.. Bytes("ushers and his "), 0x00, 0x01, 0x00, .. Bytes(" she the end")]);

        Assert.Equal(engine, database.Engine);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], hits);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Scan_EmptyDataOrNoPatterns_FindsNothing(PrefilterEngine engine)
    {
        using var database = MultiPatternDatabase.Compile([new MultiPattern(0, Bytes("abc"), true)], engine);
        using var scanner = database.CreateScanner();
        using var empty = MultiPatternDatabase.Compile([], engine);
        using var emptyScanner = empty.CreateScanner();

        Assert.Empty(Scan(scanner, database, []));
        Assert.Empty(Scan(emptyScanner, empty, Bytes("abc")));
        Assert.Equal([0], Scan(scanner, database, Bytes("xxABC")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Scan_HitsBufferFull_StillMarksEveryFoundBit(PrefilterEngine engine)
    {
        MultiPattern[] patterns = [.. Enumerable.Range(0, 100).Select(i => new MultiPattern(i, Bytes($"p{i:D3}"), false))];
        using var database = MultiPatternDatabase.Compile(patterns, engine);
        using var scanner = database.CreateScanner();
        var data = Bytes(string.Concat(Enumerable.Range(0, 100).Select(i => $"p{i:D3} ")));
        var found = new ulong[2];
        var hits = new int[10];

        var written = scanner.Scan(data, found, hits);

        Assert.Equal(10, written);
        Assert.Equal(100, found.Sum(w => System.Numerics.BitOperations.PopCount(w)));
    }

    [Fact]
    public void IsHyperscanAvailable_OnThisMachine_True()
    {
        // install.sh installs libhyperscan5; without it the Hyperscan theories above would be meaningless.
        Assert.True(MultiPatternDatabase.IsHyperscanAvailable, "libhyperscan5 is missing: apt-get install libhyperscan5");
    }

    internal static int[] Scan(IMultiPatternScanner scanner, IMultiPatternDatabase database, ReadOnlySpan<byte> data)
    {
        var found = new ulong[(database.PatternCount + 63) / 64 + 1];
        var hits = new int[database.PatternCount + 1];
        var count = scanner.Scan(data, found, hits);
        var ids = hits[..count].Order().ToArray();
        var fromBits = Enumerable.Range(0, database.PatternCount).Where(i => (found[i >> 6] & (1UL << i)) != 0).ToArray();
        Assert.Equal(fromBits, ids);
        return ids;
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
