namespace RustIds.Packets.Defragmentation;

/// <summary>Copies a fragment's bytes into its datagram's pages wherever the overlap policy lets it own them.</summary>
/// <remarks>
/// Ownership is decided per 8-byte block (see <see cref="FragmentPagePool"/>); runs of blocks the fragment wins are
/// copied and marked in one go per page, so a fragment that overlaps nothing costs one copy per page.
/// </remarks>
internal static class FragmentWriter
{
    /// <summary>Writes <paramref name="fragment"/> into <paramref name="tracker"/>'s pages (already rented); returns whether it now owns offset 0.</summary>
    /// <param name="tracker">The datagram; <see cref="DatagramTracker.CoveredBytes"/> is updated.</param>
    /// <param name="pool">The pool holding the tracker's pages.</param>
    /// <param name="policy">Who wins overlapped blocks.</param>
    /// <param name="fragment">The new fragment.</param>
    /// <param name="overlap">Set when the fragment overlapped held bytes.</param>
    /// <param name="conflict">Set when overlapped bytes differed from the held ones.</param>
    public static bool Write(DatagramTracker tracker, FragmentPagePool pool, DefragPolicy policy, in ParsedFragment fragment, out bool overlap, out bool conflict)
    {
        overlap = false;
        conflict = false;
        var ownsStart = false;
        var start = fragment.Offset;
        var end = fragment.End;
        var firstBlock = start >> 3;
        var lastBlock = (end - 1) >> 3;
        for (var pageNumber = firstBlock / FragmentPagePool.BlocksPerPage; pageNumber <= lastBlock / FragmentPagePool.BlocksPerPage; pageNumber++)
        {
            var page = tracker.Pages[pageNumber];
            var pageBlock = pageNumber * FragmentPagePool.BlocksPerPage;
            var data = pool.Data(page);
            var ownerStart = pool.OwnerStart(page);
            var ownerEnd = pool.OwnerEnd(page);
            var from = Math.Max(firstBlock, pageBlock) - pageBlock;
            var to = Math.Min(lastBlock, pageBlock + FragmentPagePool.BlocksPerPage - 1) - pageBlock;
            var runStart = -1;
            for (var index = from; index <= to; index++)
            {
                var blockStart = (pageBlock + index) << 3;
                var length = Math.Min(8, end - blockStart);
                int heldEnd = ownerEnd[index];
                var wins = true;
                if (heldEnd == 0)
                {
                    tracker.CoveredBytes += length;
                }
                else
                {
                    overlap = true;
                    // Both lengths are 8 except in the datagram's last block, which only last fragments of one end reach.
                    var heldLength = Math.Min(8, heldEnd - blockStart);
                    var compared = Math.Min(length, heldLength);
                    var held = data.Slice(index * 8, compared);
                    conflict |= !fragment.Data.Slice(blockStart - start, compared).SequenceEqual(held);
                    wins = OverlapRules.NewWins(policy, start, end, ownerStart[index], heldEnd);
                    if (wins)
                        tracker.CoveredBytes += length - heldLength;
                }
                if (wins && runStart < 0)
                {
                    runStart = index;
                }
                else if (!wins && runStart >= 0)
                {
                    ownsStart |= Claim(fragment, pageBlock, runStart, index, data, ownerStart, ownerEnd);
                    runStart = -1;
                }
            }
            if (runStart >= 0)
                ownsStart |= Claim(fragment, pageBlock, runStart, to + 1, data, ownerStart, ownerEnd);
        }
        return ownsStart;
    }

    /// <summary>Stores the header of the fragment that owns offset 0, which becomes the reassembled datagram's header.</summary>
    public static void StoreHeader(DatagramTracker tracker, in ParsedFragment fragment)
    {
        fragment.Header.CopyTo(tracker.Header);
        tracker.HeaderLength = fragment.Header.Length;
        // The fragment header goes away, so whatever named it now names what followed it (RFC 8200 §4.5).
        if (fragment.IsV6)
            tracker.Header[fragment.NextHeaderIndex] = fragment.Protocol;
    }

    /// <summary>Copies blocks [from, to) of one page from the fragment and marks them as its own.</summary>
    private static bool Claim(in ParsedFragment fragment, int pageBlock, int from, int to, Span<byte> data, Span<ushort> ownerStart, Span<ushort> ownerEnd)
    {
        var byteFrom = (pageBlock + from) << 3;
        var byteTo = Math.Min((pageBlock + to) << 3, fragment.End);
        fragment.Data[(byteFrom - fragment.Offset)..(byteTo - fragment.Offset)].CopyTo(data[(from * 8)..]);
        ownerStart[from..to].Fill((ushort)fragment.Offset);
        ownerEnd[from..to].Fill((ushort)fragment.End);
        return byteFrom == 0;
    }
}
