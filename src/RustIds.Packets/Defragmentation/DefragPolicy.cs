namespace RustIds.Packets.Defragmentation;

/// <summary>Which bytes win where two fragments of one datagram overlap: the target-based policies of Novak's "Target-Based Fragmentation Reassembly" (2005), as Suricata names them.</summary>
/// <remarks>
/// Each rule compares a newly arrived fragment with the fragment that currently owns the overlapped bytes, using
/// both fragments' original start and end offsets; bytes that nobody held yet always go to the new fragment.
/// An IPS must pick the policy of the hosts it protects, or an attacker can send overlapping fragments that the
/// host reassembles differently from the sensor (Ptacek and Newsham, 1998). Suricata's default is <see cref="Bsd"/>.
/// </remarks>
public enum DefragPolicy
{
    /// <summary>Held bytes always win; a later fragment only fills holes (old Solaris, HP-UX 11, macOS).</summary>
    First,

    /// <summary>The later fragment always wins the overlapped bytes (Cisco IOS in Novak's tests).</summary>
    Last,

    /// <summary>The later fragment wins only when it starts before the held fragment; otherwise held bytes win (BSD, HP-UX 10, IRIX; Suricata's default).</summary>
    Bsd,

    /// <summary>The later fragment wins when it starts at or before the held fragment's start; otherwise held bytes win (Linux kernels before late 2018, which since drop datagrams with overlapping IPv4 fragments).</summary>
    Linux,

    /// <summary>The later fragment wins only when it starts before and ends after the held fragment; otherwise held bytes win (Windows).</summary>
    Windows,

    /// <summary>The later fragment wins only when it starts before the held fragment and ends at or after its end; otherwise held bytes win (Solaris).</summary>
    Solaris,
}
