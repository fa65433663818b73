namespace RustIds.Rules.Prefilter;

/// <summary>A managed Aho-Corasick automaton over ASCII-folded literals: the prefilter where Hyperscan is missing.</summary>
/// <remarks>
/// <para>Patterns are inserted lower-cased and the input is folded as it is read, so one automaton serves both
/// case modes; a case-sensitive pattern's hit is confirmed against the original bytes (one comparison per hit,
/// like Suricata's case-sensitive MPM verification).</para>
/// <para>Memory: the root has a dense 256-entry row (most steps start there); deeper states keep sorted sparse
/// rows in shared flat arrays, followed with failure links. Outputs are reached through dictionary-suffix links,
/// so a pattern that is a suffix of another is reported too. Immutable after construction; one
/// <see cref="Scanner"/> per thread holds nothing but a reference, so any number may scan at once.</para>
/// </remarks>
internal sealed class AhoCorasickDatabase : IMultiPatternDatabase
{
    private readonly int[] _root = new int[256];
    private readonly int[] _edgeStart;
    private readonly byte[] _edgeByte;
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outputStart;
    private readonly int[] _outputIds;
    private readonly int[] _dictionaryLink;
    private readonly byte[][] _patterns;
    private readonly bool[] _noCase;

    public AhoCorasickDatabase(IReadOnlyList<MultiPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        PatternCount = patterns.Count;
        _patterns = new byte[patterns.Count][];
        _noCase = new bool[patterns.Count];
        var builder = new TrieBuilder();
        var ends = new List<(int State, int Id)>(patterns.Count);
        foreach (var pattern in patterns)
        {
            if (pattern.Bytes.Length == 0)
                throw new ArgumentException($"pattern {pattern.Id} is empty", nameof(patterns));
            _patterns[pattern.Id] = pattern.Bytes;
            _noCase[pattern.Id] = pattern.NoCase;
            ends.Add((builder.Insert(pattern.Bytes), pattern.Id));
        }
        var states = builder.Count;
        _fail = new int[states];
        _dictionaryLink = new int[states];
        (_edgeStart, _edgeByte, _edgeTarget) = builder.Flatten();

        // Outputs per state, grouped: ids of the patterns ending exactly there.
        _outputStart = new int[states + 1];
        foreach (var (state, _) in ends)
            _outputStart[state + 1]++;
        for (var s = 0; s < states; s++)
            _outputStart[s + 1] += _outputStart[s];
        _outputIds = new int[ends.Count];
        var fill = (int[])_outputStart.Clone();
        foreach (var (state, id) in ends)
            _outputIds[fill[state]++] = id;

        BuildLinks();
        MemoryBytes = (_root.Length + _edgeStart.Length + _edgeTarget.Length + _fail.Length + _outputStart.Length + _outputIds.Length + _dictionaryLink.Length) * sizeof(int)
            + _edgeByte.Length + patterns.Sum(p => (long)p.Bytes.Length);
    }

    public int PatternCount { get; }

    public PrefilterEngine Engine => PrefilterEngine.AhoCorasick;

    public long MemoryBytes { get; }

    /// <summary>Automaton states, for reporting.</summary>
    public int StateCount => _fail.Length;

    public IMultiPatternScanner CreateScanner() => new Scanner(this);

    public void Dispose()
    {
    }

    private int Goto(int state, byte folded)
    {
        if (state == 0)
            return _root[folded];
        var from = _edgeStart[state];
        var to = _edgeStart[state + 1];
        // Rows are short past the first levels: a linear scan beats a binary search there.
        for (var e = from; e < to; e++)
        {
            var b = _edgeByte[e];
            if (b == folded)
                return _edgeTarget[e];
            if (b > folded)
                break;
        }
        return -1;
    }

    private void BuildLinks()
    {
        Array.Fill(_root, 0);
        for (var e = _edgeStart[0]; e < _edgeStart[1]; e++)
            _root[_edgeByte[e]] = _edgeTarget[e];
        Array.Fill(_dictionaryLink, -1);
        var queue = new Queue<int>();
        for (var e = _edgeStart[0]; e < _edgeStart[1]; e++)
        {
            _fail[_edgeTarget[e]] = 0;
            queue.Enqueue(_edgeTarget[e]);
        }
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            for (var e = _edgeStart[state]; e < _edgeStart[state + 1]; e++)
            {
                var next = _edgeTarget[e];
                var b = _edgeByte[e];
                var f = _fail[state];
                int target;
                while ((target = Goto(f, b)) < 0)
                    f = _fail[f];
                _fail[next] = target;
                _dictionaryLink[next] = HasOutput(target) ? target : _dictionaryLink[target];
                queue.Enqueue(next);
            }
        }
    }

    private bool HasOutput(int state) => _outputStart[state + 1] > _outputStart[state];

    /// <summary>Scans with the shared automaton; holds no state of its own.</summary>
    private sealed class Scanner(AhoCorasickDatabase db) : IMultiPatternScanner
    {
        public int Scan(ReadOnlySpan<byte> data, Span<ulong> found, Span<int> hits)
        {
            var written = 0;
            var state = 0;
            for (var i = 0; i < data.Length; i++)
            {
                var b = data[i];
                var folded = (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
                int next;
                while ((next = db.Goto(state, folded)) < 0)
                    state = db._fail[state];
                state = next;
                var output = db.HasOutput(state) ? state : db._dictionaryLink[state];
                while (output >= 0)
                {
                    for (var o = db._outputStart[output]; o < db._outputStart[output + 1]; o++)
                    {
                        var id = db._outputIds[o];
                        ref var word = ref found[id >> 6];
                        var bit = 1UL << id;
                        if ((word & bit) != 0)
                            continue;
                        var pattern = db._patterns[id];
                        if (!db._noCase[id] && !data.Slice(i + 1 - pattern.Length, pattern.Length).SequenceEqual(pattern))
                            continue;
                        word |= bit;
                        if (written < hits.Length)
                            hits[written++] = id;
                    }
                    output = db._dictionaryLink[output];
                }
            }
            return written;
        }

        public void Dispose()
        {
        }
    }

    /// <summary>The trie while it is built: per state a sorted list of (folded byte, child).</summary>
    private sealed class TrieBuilder
    {
        private static readonly Comparer<(byte Byte, int Child)> ByByte = Comparer<(byte Byte, int Child)>.Create((x, y) => x.Byte.CompareTo(y.Byte));

        private readonly List<List<(byte Byte, int Child)>> _children = [[]];

        public int Count => _children.Count;

        public int Insert(byte[] pattern)
        {
            var state = 0;
            foreach (var raw in pattern)
            {
                var b = (uint)(raw - 'A') <= 'Z' - 'A' ? (byte)(raw | 0x20) : raw;
                var row = _children[state];
                var index = row.BinarySearch((b, 0), ByByte);
                if (index >= 0)
                {
                    state = row[index].Child;
                    continue;
                }
                _children.Add([]);
                var child = _children.Count - 1;
                row.Insert(~index, (b, child));
                state = child;
            }
            return state;
        }

        public (int[] Start, byte[] Bytes, int[] Targets) Flatten()
        {
            var start = new int[_children.Count + 1];
            for (var s = 0; s < _children.Count; s++)
                start[s + 1] = start[s] + _children[s].Count;
            var bytes = new byte[start[^1]];
            var targets = new int[start[^1]];
            for (var s = 0; s < _children.Count; s++)
            {
                var e = start[s];
                foreach (var (b, child) in _children[s])
                {
                    bytes[e] = b;
                    targets[e++] = child;
                }
            }
            return (start, bytes, targets);
        }
    }
}
