namespace RustIds.Packets.Defragmentation;

/// <summary>Overlap policy, memory and count limits and the timeout of one <see cref="IpDefragmenter"/>.</summary>
/// <remarks>
/// Every table is sized from these options when the defragmenter is built, so packet processing never allocates
/// after warm-up. Worst-case memory is about <see cref="MemcapBytes"/> plus
/// <see cref="MaxDatagrams"/> × (<see cref="IpDefragmenter.MaxHeaderBytes"/> + 4 × pages per datagram + 100) bytes
/// of tracker tables (about 18 MiB with the defaults).
/// </remarks>
public sealed record DefragOptions
{
    /// <summary>Options with every default.</summary>
    public static DefragOptions Default { get; } = new();

    /// <summary>How overlapping fragments are resolved; <see cref="DefragPolicy.Bsd"/> by default, like Suricata.</summary>
    public DefragPolicy Policy { get; init; } = DefragPolicy.Bsd;

    /// <summary>Memory for all held fragment data, in bytes; 16 MiB by default.</summary>
    /// <remarks>
    /// Data is held in pages of <see cref="IpDefragmenter.PageBytes"/> bytes (1 KiB of data plus 512 bytes of
    /// ownership map), so a tiny fragment costs a whole page against the cap. Page memory is rented in 64-page slabs
    /// on first use and kept. When a fragment needs pages that are not free, the least recently active incomplete
    /// datagram is evicted (counted in <see cref="DefragCounters.EvictedMemcap"/>): refusing the new fragment instead
    /// would let a flood of never-completed fragments lock every later datagram out of reassembly.
    /// Must hold at least one datagram of <see cref="MaxReassembledLength"/> bytes.
    /// </remarks>
    public long MemcapBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Fragments accepted into one datagram, duplicates and overlaps included; 256 by default.</summary>
    /// <remarks>A datagram that receives more is dropped whole (<see cref="DefragDropReason.TooManyFragments"/>): 256 fragments of 256 bytes already carry 64 KiB, so more is an attack.</remarks>
    public int MaxFragmentsPerDatagram { get; init; } = 256;

    /// <summary>Incomplete datagrams tracked at once; 4096 by default.</summary>
    /// <remarks>The tracker table is allocated at this size. A fragment of a new datagram when the table is full evicts the least recently active datagram (counted in <see cref="DefragCounters.EvictedTableFull"/>).</remarks>
    public int MaxDatagrams { get; init; } = 4096;

    /// <summary>Idle time, in packet time, after which an incomplete datagram is dropped; 30 s by default.</summary>
    /// <remarks>
    /// Linux's <c>ipfrag_time</c> is 30 s, Suricata's <c>defrag.timeout</c> 60 s, RFC 8200 §4.5 asks 60 s of IPv6
    /// hosts. 30 s matches the most common protected host: holding fragments much longer than the host does lets an
    /// attacker complete a datagram on the sensor with fragments the host has already thrown away, and it ties up
    /// memory during a fragment flood. Measured from the datagram's last fragment.
    /// </remarks>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest reassembled datagram: the IPv4 total length or the IPv6 payload length, in bytes; 65,535 by default.</summary>
    /// <remarks>
    /// 65,535 is the most either length field can say (RFC 791, RFC 8200); fragments reaching further (the ping of
    /// death) are dropped as <see cref="DefragDropReason.TooLarge"/>. IPv6 jumbograms (RFC 2675) cannot be
    /// fragmented. A smaller value bounds memory per datagram on networks without large datagrams.
    /// </remarks>
    public int MaxReassembledLength { get; init; } = 65535;

    /// <summary>Lists every invalid setting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Policy))
            problems.Add($"{nameof(Policy)} must be one of First, Last, Bsd, Linux, Windows, Solaris, was {(int)Policy}.");
        Check(problems, MaxReassembledLength, 576, 65535, nameof(MaxReassembledLength));
        Check(problems, MaxFragmentsPerDatagram, 2, 8192, nameof(MaxFragmentsPerDatagram));
        Check(problems, MaxDatagrams, 1, 1 << 20, nameof(MaxDatagrams));
        var minimumMemcap = (long)IpDefragmenter.PagesFor(Math.Clamp(MaxReassembledLength, 576, 65535)) * IpDefragmenter.PageBytes;
        if (MemcapBytes < minimumMemcap || MemcapBytes > 16L << 30)
            problems.Add($"{nameof(MemcapBytes)} must be between {minimumMemcap} (one largest datagram) and {16L << 30}, was {MemcapBytes}.");
        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromHours(24))
            problems.Add($"{nameof(Timeout)} must be between 1 s and 24 h, was {Timeout}.");
        return problems;
    }

    private static void Check(List<string> problems, int value, int min, int max, string name)
    {
        if (value < min || value > max)
            problems.Add($"{name} must be between {min} and {max}, was {value}.");
    }
}
