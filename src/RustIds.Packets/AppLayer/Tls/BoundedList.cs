namespace RustIds.Packets.AppLayer.Tls;

/// <summary>A preallocated list of fixed capacity that drops (and reports) what does not fit.</summary>
/// <typeparam name="T">Element type (ushort for code points, byte for single-octet lists).</typeparam>
internal sealed class BoundedList<T>
    where T : unmanaged
{
    private readonly T[] _items;

    public BoundedList(int capacity) => _items = new T[capacity];

    public int Count { get; private set; }

    /// <summary>True when an <see cref="Add"/> was dropped since the last <see cref="Clear"/>.</summary>
    public bool Overflowed { get; private set; }

    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public void Clear()
    {
        Count = 0;
        Overflowed = false;
    }

    public void Add(T item)
    {
        if (Count < _items.Length)
            _items[Count++] = item;
        else
            Overflowed = true;
    }
}
