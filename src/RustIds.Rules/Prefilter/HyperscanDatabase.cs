using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RustIds.Rules.Interop;

namespace RustIds.Rules.Prefilter;

/// <summary>A Hyperscan literal database (<c>hs_compile_lit_multi</c>, block mode, one report per pattern and scan).</summary>
/// <remarks>The database is immutable and shared; each <see cref="Scanner"/> owns its <c>hs_scratch_t</c>, so one per worker.</remarks>
internal sealed unsafe class HyperscanDatabase : IMultiPatternDatabase
{
    private readonly HyperscanDatabaseHandle _database;

    private HyperscanDatabase(HyperscanDatabaseHandle database, int patternCount)
    {
        _database = database;
        PatternCount = patternCount;
        MemoryBytes = LibHyperscan.DatabaseSize(database, out var size) == LibHyperscan.Success ? (long)size : 0;
    }

    public int PatternCount { get; }

    public PrefilterEngine Engine => PrefilterEngine.Hyperscan;

    public long MemoryBytes { get; }

    /// <summary>Compiles <paramref name="patterns"/> (at least one).</summary>
    /// <exception cref="PrefilterUnavailableException">Hyperscan refused the set; the message is its own.</exception>
    public static HyperscanDatabase Compile(IReadOnlyList<MultiPattern> patterns)
    {
        var count = patterns.Count;
        var total = 0;
        foreach (var pattern in patterns)
            total += pattern.Bytes.Length;
        // All literals in one pinned block, so one fixed statement covers every pointer passed.
        var block = new byte[Math.Max(1, total)];
        var offsets = new int[count];
        var flags = new uint[count];
        var ids = new uint[count];
        var lengths = new nuint[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var pattern = patterns[i];
            if (pattern.Bytes.Length == 0)
                throw new ArgumentException($"pattern {pattern.Id} is empty", nameof(patterns));
            pattern.Bytes.CopyTo(block, at);
            offsets[i] = at;
            at += pattern.Bytes.Length;
            flags[i] = LibHyperscan.FlagSingleMatch | (pattern.NoCase ? LibHyperscan.FlagCaseless : 0);
            ids[i] = (uint)pattern.Id;
            lengths[i] = (nuint)pattern.Bytes.Length;
        }
        var expressions = new nint[count];
        fixed (byte* start = block)
        fixed (nint* expressionPointers = expressions)
        fixed (uint* flagPointer = flags)
        fixed (uint* idPointer = ids)
        fixed (nuint* lengthPointer = lengths)
        {
            for (var i = 0; i < count; i++)
                expressions[i] = (nint)(start + offsets[i]);
            var status = LibHyperscan.CompileLiteralMulti((byte**)expressionPointers, flagPointer, idPointer, lengthPointer, (uint)count,
                LibHyperscan.ModeBlock, 0, out var database, out var error);
            if (status != LibHyperscan.Success)
            {
                database.Dispose();
                throw new PrefilterUnavailableException($"Hyperscan could not compile {count} patterns: {LibHyperscan.TakeCompileError(error)}");
            }
            return new HyperscanDatabase(database, count);
        }
    }

    public IMultiPatternScanner CreateScanner()
    {
        nint scratch = 0;
        if (LibHyperscan.AllocateScratch(_database, ref scratch) != LibHyperscan.Success)
            throw new PrefilterUnavailableException("Hyperscan could not allocate scratch memory");
        return new Scanner(_database, new HyperscanScratchHandle(scratch));
    }

    public void Dispose() => _database.Dispose();

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnMatch(uint id, ulong from, ulong to, uint flags, nint context)
    {
        var scan = (ScanContext*)context;
        var bit = 1UL << (int)id;
        ref var word = ref scan->Found[id >> 6];
        if ((word & bit) == 0)
        {
            word |= bit;
            if (scan->Written < scan->HitCapacity)
                scan->Hits[scan->Written++] = (int)id;
        }
        return 0;
    }

    /// <summary>Where the callback records hits: lives on the scanning thread's stack for one <c>hs_scan</c> call.</summary>
    private struct ScanContext
    {
        public ulong* Found;
        public int* Hits;
        public int HitCapacity;
        public int Written;
    }

    private sealed class Scanner(HyperscanDatabaseHandle database, HyperscanScratchHandle scratch) : IMultiPatternScanner
    {
        public int Scan(ReadOnlySpan<byte> data, Span<ulong> found, Span<int> hits)
        {
            if (data.IsEmpty)
                return 0;
            fixed (byte* bytes = data)
            fixed (ulong* foundBits = found)
            fixed (int* hitIds = hits)
            {
                var context = new ScanContext { Found = foundBits, Hits = hitIds, HitCapacity = hits.Length };
                // Errors other than a callback stop cannot happen for a valid database and scratch; a failed scan reports what it found.
                _ = LibHyperscan.Scan(database, bytes, (uint)data.Length, 0, scratch, &OnMatch, (nint)(&context));
                return context.Written;
            }
        }

        public void Dispose() => scratch.Dispose();
    }
}
