namespace RustIds.Packets.Streams;

/// <summary>Which bytes win when a new segment overlaps buffered, not yet delivered data of the same direction.</summary>
/// <remarks>
/// <para>
/// Overlapping segments with different bytes are the classic IDS evasion (Ptacek and Newsham 1998; Novak and
/// Sturges, "Target-Based TCP Stream Reassembly", 2007): the receiving host keeps one version, and the sensor
/// must keep the same one or it inspects bytes the host never sees. The rules below are Suricata's
/// (<c>stream-tcp-list.c</c>, <c>DoHandleDataOverlap</c>, IDS mode). Each rule compares the new segment
/// with the original bounds of the buffered segment it overlaps ("old"): old wins unless the rule says new.
/// </para>
/// <para>
/// The policies apply only to bytes still waiting in the out-of-order buffer. Bytes already delivered to the
/// sink can never change, under every policy: a retransmission that disagrees with them is dropped and counted
/// as <see cref="ReassemblyCounter.OverlapsDifferentData"/>.
/// </para>
/// <para>
/// Suricata's default (<c>host-os-policy</c> unset) is <see cref="Bsd"/>; rustids defaults to
/// <see cref="First"/>, the normalisation Suricata applies in inline mode and Snort 3 in IPS mode (the first
/// copy seen is the one inspected), because a sensor that does not know the target's OS should not let a
/// later packet rewrite what it has already buffered.
/// </para>
/// </remarks>
public enum OverlapPolicy : byte
{
    /// <summary>Old data always wins (Suricata <c>first</c>, also <c>vista</c>).</summary>
    First = 0,

    /// <summary>New data always wins (Suricata <c>last</c>).</summary>
    Last = 1,

    /// <summary>New wins only when it starts before the old segment (Suricata <c>bsd</c>, <c>hpux10</c>, <c>irix</c>, <c>macos</c>).</summary>
    Bsd = 2,

    /// <summary>New wins when it starts before the old segment, or starts with it and ends after it (Suricata <c>linux</c>).</summary>
    Linux = 3,

    /// <summary>Same rule as <see cref="Bsd"/> (Suricata <c>windows</c>, <c>windows2k3</c>).</summary>
    Windows = 4,

    /// <summary>New wins when it ends after the old segment, or covers it completely (Suricata <c>solaris</c>, <c>hpux11</c>).</summary>
    Solaris = 5,
}
