namespace RustIds.Rules.Flowbits;

/// <summary>The flowbits of every flow of one capture worker, indexed by the flow's table slot.</summary>
/// <remarks>
/// A slot's bits belong to the flow id that set them; a new flow in the slot starts clear. Words for a slot
/// are allocated the first time a flow there sets a bit and reused for later flows, so the steady state
/// allocates nothing. Not thread-safe: one per worker.
/// </remarks>
internal sealed class FlowbitStore(int words)
{
    private ulong[][] _bits = [];
    private ulong[] _owners = [];

    /// <summary>Whether bit <paramref name="index"/> is set for the flow in <paramref name="slot"/>.</summary>
    public bool IsSet(int slot, ulong flowId, int index)
    {
        if ((uint)slot >= (uint)_bits.Length || _owners[slot] != flowId || _bits[slot] is not { } words)
            return false;
        return (words[index >> 6] & (1UL << index)) != 0;
    }

    /// <summary>Sets, clears or flips bit <paramref name="index"/> for the flow in <paramref name="slot"/>.</summary>
    public void Change(int slot, ulong flowId, int index, FlowbitCommand command)
    {
        if (slot < 0 || words == 0)
            return;
        if (slot >= _bits.Length)
            Grow(slot);
        var bits = _bits[slot] ??= new ulong[words];
        if (_owners[slot] != flowId)
        {
            Array.Clear(bits);
            _owners[slot] = flowId;
        }
        var mask = 1UL << index;
        bits[index >> 6] = command switch
        {
            FlowbitCommand.Set => bits[index >> 6] | mask,
            FlowbitCommand.Unset => bits[index >> 6] & ~mask,
            _ => bits[index >> 6] ^ mask,
        };
    }

    private void Grow(int slot)
    {
        // Doubling: the table's capacity is reached after a few flows, then this never runs again.
        var size = Math.Max(slot + 1, Math.Max(1024, _bits.Length * 2));
        Array.Resize(ref _bits, size);
        Array.Resize(ref _owners, size);
    }
}
