namespace RustIds.Packets.Defragmentation;

/// <summary>The state of one incomplete datagram: its pages, coverage, end and first-fragment header.</summary>
/// <remarks>Allocated once per table slot and reset for reuse; links for the hash chain and the recency list are slot indices.</remarks>
internal sealed class DatagramTracker
{
    public DatagramTracker(int pagesPerDatagram)
    {
        Pages = new int[pagesPerDatagram];
        Pages.AsSpan().Fill(-1);
    }

    public DatagramKey Key;
    public int Hash;
    public bool InUse;
    public bool IsV6;
    public long LastSeenTicks;

    /// <summary>Datagram length from a last fragment (more-fragments clear), or -1 while unknown.</summary>
    public int KnownEnd = -1;

    /// <summary>Highest fragment end seen so far.</summary>
    public int MaxEnd;

    /// <summary>Bytes of [0, end) owned by some fragment; the datagram is complete when this reaches <see cref="KnownEnd"/>.</summary>
    public int CoveredBytes;

    public int FragmentCount;

    /// <summary>Page index per <see cref="FragmentPagePool.PageSize"/> bytes of the fragmentable part, -1 where nothing arrived.</summary>
    public readonly int[] Pages;

    public int PagesUsed;

    /// <summary>Header of the fragment owning offset 0 (IPv6: next-header already patched); length 0 until one arrives.</summary>
    public readonly byte[] Header = new byte[IpDefragmenter.MaxHeaderBytes];

    public int HeaderLength;

    public int NextInBucket = -1;
    public int Older = -1;
    public int Newer = -1;

    /// <summary>Clears the datagram state; the caller has returned the pages already.</summary>
    public void Reset()
    {
        InUse = false;
        Key = default;
        KnownEnd = -1;
        MaxEnd = 0;
        CoveredBytes = 0;
        FragmentCount = 0;
        PagesUsed = 0;
        HeaderLength = 0;
        NextInBucket = -1;
        Older = -1;
        Newer = -1;
    }
}
