using System.Text;
using RustIds.Rules.Prefilter;
using RustIds.Testing;

namespace RustIds.Rules.Tests.Prefilter;

/// <summary>Scanning allocates nothing on either engine.</summary>
[Collection(AllocationCollection.Name)]
public sealed class PrefilterAllocationTests
{
    [Theory]
    [MemberData(nameof(PrefilterTests.Engines), MemberType = typeof(PrefilterTests))]
    public void Scan_SteadyState_AllocatesNothing(PrefilterEngine engine)
    {
        MultiPattern[] patterns = [.. Enumerable.Range(0, 2000).Select(i => new MultiPattern(i, Encoding.ASCII.GetBytes($"pat{i}x"), i % 2 == 0))];
        using var database = MultiPatternDatabase.Compile(patterns, engine);
        using var scanner = database.CreateScanner();
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"PAT{i * 7}x pat{i * 3}x ")));
        var found = new ulong[(patterns.Length + 63) / 64];
        var hits = new int[patterns.Length];
        var total = 0;

        var allocated = Allocations.Measure(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                found.AsSpan().Clear();
                total += scanner.Scan(data, found, hits);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }
}
