namespace RustIds.Packets.Defragmentation;

/// <summary>What <see cref="IpDefragmenter.Process"/> did with one IP datagram.</summary>
public enum DefragResult
{
    /// <summary>Not a fragment (or an IPv6 atomic fragment, RFC 6946): decode the datagram as usual.</summary>
    NotFragment,

    /// <summary>A fragment was stored; its datagram is not complete, so there is nothing to decode yet.</summary>
    Held,

    /// <summary>This fragment completed its datagram; the reassembled datagram is returned for decoding.</summary>
    Reassembled,

    /// <summary>The fragment was malformed or could not be stored; counted by <see cref="DefragDropReason"/> in <see cref="DefragCounters"/>.</summary>
    Dropped,
}
