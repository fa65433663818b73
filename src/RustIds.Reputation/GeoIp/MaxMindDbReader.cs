using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using RustIds.Packets;

namespace RustIds.Reputation.GeoIp;

/// <summary>
/// Reads a MaxMind DB (<c>.mmdb</c>) file over a read-only memory map: metadata, search tree and
/// data section. Country and ASN lookups allocate nothing.
/// </summary>
/// <remarks>
/// Lookups are safe from many threads at once; <see cref="Dispose"/> must not race with them
/// (swap in a new reader, then dispose the old one once no lookup uses it).
/// Any corruption met on the way surfaces as <see cref="MaxMindDbException"/>.
/// </remarks>
public sealed unsafe class MaxMindDbReader : IGeoIpDatabase, IDisposable
{
    private const int MaxMetadataSize = 128 * 1024;
    private const int DataSectionSeparatorSize = 16;

    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly int _treeSize;
    private readonly int _dataStart;
    private readonly int _dataLength;
    private readonly uint _nodeCount;
    private readonly int _recordSize;
    private readonly uint _ipv4Start;

    // Answers by data-record offset. Many networks share one record (a country database has a few hundred distinct
    // ones), so decoding each once turns a lookup into little more than the tree walk. Direct-mapped, one 64-bit word
    // per slot (offset + 1 in the high half, the answer in the low half): a torn read is impossible, a collision only
    // costs a decode, and no lock is needed.
    private const int AnswerCacheSize = 4096;
    private const long CountryFound = 1L << 31;
    private readonly long[] _countryCache = new long[AnswerCacheSize];
    private readonly long[] _asnCache = new long[AnswerCacheSize];
    private bool _disposed;

    private MaxMindDbReader(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, byte* start, int length)
    {
        Path = path;
        _file = file;
        _view = view;
        _base = start;
        var all = new ReadOnlySpan<byte>(start, length);
        var markerAt = all[Math.Max(0, length - MaxMetadataSize)..].LastIndexOf(MetadataMarker);
        if (markerAt < 0)
            throw new MaxMindDbException(path, "not a MaxMind DB file (no metadata marker in the last 128 KiB)");
        markerAt += Math.Max(0, length - MaxMetadataSize);
        var metadataStart = markerAt + MetadataMarker.Length;
        Metadata = ReadMetadata(new MaxMindDecoder(all[metadataStart..], path), path);
        _nodeCount = Metadata.NodeCount;
        _recordSize = Metadata.RecordSize;
        if (Metadata.SearchTreeSize + DataSectionSeparatorSize > markerAt)
            throw new MaxMindDbException(path, $"invalid metadata: node_count {_nodeCount} needs a {Metadata.SearchTreeSize}-byte search tree, larger than the file");
        _treeSize = (int)Metadata.SearchTreeSize;
        if (all.Slice(_treeSize, DataSectionSeparatorSize).ContainsAnyExcept((byte)0))
            throw new MaxMindDbException(path, $"invalid metadata: no 16-byte zero separator after the search tree (node_count {_nodeCount} is wrong?)");
        _dataStart = _treeSize + DataSectionSeparatorSize;
        _dataLength = markerAt - _dataStart;
        _ipv4Start = 0;
        if (Metadata.IpVersion == 6)
        {
            // IPv4 lives in ::/96 (spec "IPv4 addresses in an IPv6 tree"): 96 left turns from the root, found once.
            for (var i = 0; i < 96 && _ipv4Start < _nodeCount; i++)
                _ipv4Start = ReadRecord(_ipv4Start, 0);
        }
    }

    /// <summary>The file this reader maps.</summary>
    public string Path { get; }

    /// <summary>The database's metadata.</summary>
    public MaxMindDbMetadata Metadata { get; }

    private ReadOnlySpan<byte> Data => new(_base + _dataStart, _dataLength);

    /// <summary>Maps <paramref name="path"/> and validates its metadata.</summary>
    /// <exception cref="MaxMindDbException">The file is missing, unreadable, or its metadata is invalid.</exception>
    public static MaxMindDbReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MaxMindDbException(path, "cannot open the GeoIP database: " + ex.Message, ex);
        }
        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        var acquired = false;
        try
        {
            var length = stream.Length;
            if (length < MetadataMarker.Length || length > int.MaxValue)
                throw new MaxMindDbException(path, $"not a MaxMind DB file ({length} bytes)");
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            acquired = true;
            return new MaxMindDbReader(path, file, view, pointer + view.PointerOffset, (int)length);
        }
        catch
        {
            if (acquired)
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            view?.Dispose();
            if (file is null)
                stream.Dispose();
            file?.Dispose();
            throw;
        }
    }

    /// <summary>Finds the country: <c>country.iso_code</c> (MaxMind layout), else top-level <c>country_code</c> (DB-IP layout).</summary>
    public bool TryGetCountry(IpAddr address, out CountryCode country)
    {
        var record = FindRecord(address);
        if (record < 0)
        {
            country = default;
            return false;
        }
        ref var slot = ref _countryCache[record & (AnswerCacheSize - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached >> 32 == record + 1L)
        {
            country = CountryCode.FromPacked((int)(cached & 0xFFFF));
            return (cached & CountryFound) != 0;
        }
        var found = DecodeCountry(record, out country);
        Volatile.Write(ref slot, ((record + 1L) << 32) | (found ? CountryFound : 0) | (uint)country.Packed);
        return found;
    }

    /// <summary>Finds <c>autonomous_system_number</c> (GeoLite2-ASN, GeoIP2-ISP layouts).</summary>
    public bool TryGetAsn(IpAddr address, out uint asn)
    {
        var record = FindRecord(address);
        if (record < 0)
        {
            asn = 0;
            return false;
        }
        ref var slot = ref _asnCache[record & (AnswerCacheSize - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached >> 32 == record + 1L)
        {
            asn = (uint)cached;
            return asn != 0;
        }
        var found = DecodeAsn(record, out asn);
        Volatile.Write(ref slot, ((record + 1L) << 32) | asn);
        return found;
    }

    private bool DecodeCountry(int record, out CountryCode country)
    {
        var decoder = new MaxMindDecoder(Data, Path);
        if (decoder.TryFindKey(record, "country"u8, out var countryMap)
            && decoder.TryFindKey(countryMap, "iso_code"u8, out var isoCode)
            && decoder.TryReadUtf8(isoCode, out var utf8)
            && CountryCode.TryCreate(utf8, out country))
            return true;
        if (decoder.TryFindKey(record, "country_code"u8, out var code)
            && decoder.TryReadUtf8(code, out utf8)
            && CountryCode.TryCreate(utf8, out country))
            return true;
        country = default;
        return false;
    }

    // AS number 0 is reserved (RFC 7607), so 0 doubles as "none" in the cache.
    private bool DecodeAsn(int record, out uint asn)
    {
        var decoder = new MaxMindDecoder(Data, Path);
        if (decoder.TryFindKey(record, "autonomous_system_number"u8, out var value)
            && decoder.TryReadUInt64(value, out var number) && number is > 0 and <= uint.MaxValue)
        {
            asn = (uint)number;
            return true;
        }
        asn = 0;
        return false;
    }

    /// <summary>Finds the ASN and <c>autonomous_system_organization</c> (allocates the organization string).</summary>
    public bool TryGetAsn(IpAddr address, out uint asn, out string? organization)
    {
        organization = null;
        if (!TryGetAsn(address, out asn))
            return false;
        if (Lookup(address) is Dictionary<string, object?> map && map.TryGetValue("autonomous_system_organization", out var org))
            organization = org as string;
        return true;
    }

    /// <summary>Decodes the whole record for <paramref name="address"/> (allocates); null when not found.</summary>
    /// <returns>Maps as <see cref="Dictionary{TKey,TValue}"/> of string to object, arrays as <see cref="List{T}"/> of object.</returns>
    public object? Lookup(IpAddr address)
    {
        var record = FindRecord(address);
        return record < 0 ? null : new MaxMindDecoder(Data, Path).Decode(record, out _);
    }

    /// <summary>
    /// Walks the whole search tree and decodes every record it reaches; throws on the first corruption,
    /// including a cycle in the tree.
    /// </summary>
    /// <returns>The number of distinct data records.</returns>
    public int Verify()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Depth-first with colours: 1 = on the current path, 2 = done. An edge to a node on the
        // current path is a cycle. Aliases (::ffff:0:0/96 to the IPv4 root) are shared subtrees, not cycles.
        var state = new byte[_nodeCount];
        var records = new HashSet<int>();
        var path = new Stack<(uint Node, int Side)>();
        path.Push((0, 0));
        state[0] = 1;
        while (path.Count > 0)
        {
            var (node, side) = path.Pop();
            if (side == 2)
            {
                state[node] = 2;
                continue;
            }
            path.Push((node, side + 1));
            var next = ReadRecord(node, side);
            if (next < _nodeCount)
            {
                if (state[next] == 1)
                    throw new MaxMindDbException(Path, $"corrupt search tree: node {node} leads back to node {next} (a cycle)");
                if (state[next] == 0)
                {
                    state[next] = 1;
                    path.Push((next, 0));
                }
            }
            else if (next > _nodeCount)
            {
                var offset = DataOffset(next);
                if (records.Add(offset))
                    new MaxMindDecoder(Data, Path).Decode(offset, out _);
            }
        }
        return records.Count;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>Walks the tree for <paramref name="address"/>; returns the data-section offset or -1 when not found.</summary>
    internal int FindRecord(IpAddr address)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        uint node;
        if (address.IsV4)
        {
            node = _ipv4Start;
            var value = address.V4Value;
            for (var i = 31; i >= 0 && node < _nodeCount; i--)
                node = ReadRecord(node, (int)(value >> i) & 1);
        }
        else if (address.IsV6 && Metadata.IpVersion == 6)
        {
            node = 0;
            var high = address.High;
            var low = address.Low;
            for (var i = 63; i >= 0 && node < _nodeCount; i--)
                node = ReadRecord(node, (int)(high >> i) & 1);
            for (var i = 63; i >= 0 && node < _nodeCount; i--)
                node = ReadRecord(node, (int)(low >> i) & 1);
        }
        else
        {
            return -1;
        }
        if (node == _nodeCount)
            return -1;
        if (node < _nodeCount)
            throw new MaxMindDbException(Path, $"corrupt search tree: still at node {node} after all bits of {address}");
        return DataOffset(node);
    }

    private int DataOffset(uint record)
    {
        var offset = (long)record - _nodeCount - DataSectionSeparatorSize;
        if (offset < 0 || offset >= _dataLength)
            throw new MaxMindDbException(Path, $"corrupt search tree: record {record} points outside the data section ({_dataLength} bytes)");
        return (int)offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadRecord(uint node, int side)
    {
        // node < _nodeCount is guaranteed by every caller, and the tree size was checked against the file at open.
        switch (_recordSize)
        {
            case 24:
            {
                var p = _base + (node * 6L) + (side * 3);
                return (uint)((p[0] << 16) | (p[1] << 8) | p[2]);
            }
            case 28:
            {
                var p = _base + (node * 7L);
                return side == 0
                    ? (uint)(((p[3] & 0xF0) << 20) | (p[0] << 16) | (p[1] << 8) | p[2])
                    : (uint)(((p[3] & 0x0F) << 24) | (p[4] << 16) | (p[5] << 8) | p[6]);
            }
            default:
                return BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_base + (node * 8L) + (side * 4), 4));
        }
    }

    private static MaxMindDbMetadata ReadMetadata(MaxMindDecoder decoder, string path)
    {
        if (decoder.Decode(0, out _) is not Dictionary<string, object?> map)
            throw new MaxMindDbException(path, "invalid metadata: not a map");
        var nodeCount = Number(map, "node_count", path);
        var recordSize = Number(map, "record_size", path);
        var ipVersion = Number(map, "ip_version", path);
        var major = Number(map, "binary_format_major_version", path);
        if (nodeCount is 0 or > uint.MaxValue)
            throw new MaxMindDbException(path, $"invalid metadata: node_count {nodeCount}");
        if (recordSize is not (24 or 28 or 32))
            throw new MaxMindDbException(path, $"invalid metadata: record_size {recordSize} (24, 28 or 32 expected)");
        if (ipVersion is not (4 or 6))
            throw new MaxMindDbException(path, $"invalid metadata: ip_version {ipVersion}");
        if (major != 2)
            throw new MaxMindDbException(path, $"unsupported binary format major version {major}");
        var languages = map.GetValueOrDefault("languages") is List<object?> list ? list.OfType<string>().ToArray() : [];
        var description = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.GetValueOrDefault("description") is Dictionary<string, object?> descriptions)
        {
            foreach (var (language, text) in descriptions)
            {
                if (text is string s)
                    description[language] = s;
            }
        }
        var epoch = Number(map, "build_epoch", path);
        return new MaxMindDbMetadata
        {
            NodeCount = (uint)nodeCount,
            RecordSize = (int)recordSize,
            IpVersion = (int)ipVersion,
            DatabaseType = map.GetValueOrDefault("database_type") as string ?? "",
            BuildTime = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(epoch, 253402300799UL)),
            Languages = languages,
            Description = description,
            BinaryFormatMajorVersion = (int)major,
            BinaryFormatMinorVersion = (int)Math.Min(Number(map, "binary_format_minor_version", path), int.MaxValue),
        };
    }

    private static ulong Number(Dictionary<string, object?> map, string key, string path) => map.GetValueOrDefault(key) switch
    {
        ushort v => v,
        uint v => v,
        ulong v => v,
        int v when v >= 0 => (ulong)v,
        UInt128 v when v <= ulong.MaxValue => (ulong)v,
        null => throw new MaxMindDbException(path, $"invalid metadata: '{key}' is missing"),
        var other => throw new MaxMindDbException(path, $"invalid metadata: '{key}' is a {other.GetType().Name}, not an unsigned integer"),
    };
}
