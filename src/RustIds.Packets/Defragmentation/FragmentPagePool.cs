namespace RustIds.Packets.Defragmentation;

/// <summary>Fixed-size pages that hold reassembly data and, per 8-byte block, which fragment owns it.</summary>
/// <remarks>
/// Every fragment boundary is a multiple of 8 except the datagram's end (RFC 791, RFC 8200 §4.5), so ownership
/// per 8-byte block is exact. A block's owner is kept as the owning fragment's original start and end, which is
/// all the overlap policies look at. Page arrays are allocated in slabs of <see cref="SlabPages"/> pages on first
/// use and kept, so the pool stops allocating once traffic has reached its peak. Not thread-safe.
/// </remarks>
internal sealed class FragmentPagePool
{
    public const int PageSize = 1024;
    public const int BlocksPerPage = PageSize / 8;
    public const int SlabPages = 64;

    private readonly byte[]?[] _data;
    private readonly ushort[]?[] _ownerStart;
    private readonly ushort[]?[] _ownerEnd;
    private readonly int[] _free;
    private readonly int _capacity;
    private int _freeCount;
    private int _created;

    public FragmentPagePool(int capacity)
    {
        _capacity = capacity;
        var slabs = (capacity + SlabPages - 1) / SlabPages;
        _data = new byte[slabs][];
        _ownerStart = new ushort[slabs][];
        _ownerEnd = new ushort[slabs][];
        _free = new int[capacity];
    }

    public int Capacity => _capacity;

    /// <summary>Pages handed out and not yet returned.</summary>
    public int InUse => _created - _freeCount;

    public int Available => _capacity - InUse;

    /// <summary>A page with every block unowned, or -1 when all <see cref="Capacity"/> pages are in use.</summary>
    public int Rent()
    {
        int page;
        if (_freeCount > 0)
        {
            page = _free[--_freeCount];
        }
        else if (_created < _capacity)
        {
            page = _created++;
            var slab = page / SlabPages;
            if (_data[slab] is null)
            {
                _data[slab] = new byte[SlabPages * PageSize];
                _ownerStart[slab] = new ushort[SlabPages * BlocksPerPage];
                _ownerEnd[slab] = new ushort[SlabPages * BlocksPerPage];
            }
        }
        else
        {
            return -1;
        }
        OwnerEnd(page).Clear();
        return page;
    }

    public void Return(int page) => _free[_freeCount++] = page;

    /// <summary>The page's <see cref="PageSize"/> data bytes.</summary>
    public Span<byte> Data(int page) => _data[page / SlabPages].AsSpan((page % SlabPages) * PageSize, PageSize);

    /// <summary>Per block: the owning fragment's start offset in bytes.</summary>
    public Span<ushort> OwnerStart(int page) => _ownerStart[page / SlabPages].AsSpan((page % SlabPages) * BlocksPerPage, BlocksPerPage);

    /// <summary>Per block: the owning fragment's end offset in bytes; 0 when no fragment owns the block.</summary>
    public Span<ushort> OwnerEnd(int page) => _ownerEnd[page / SlabPages].AsSpan((page % SlabPages) * BlocksPerPage, BlocksPerPage);
}
