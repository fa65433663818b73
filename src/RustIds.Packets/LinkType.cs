namespace RustIds.Packets;

/// <summary>Link-layer header type of a capture (tcpdump.org LINKTYPE_/DLT_ numbers).</summary>
/// <remarks>
/// libpcap's <c>pcap_datalink</c> returns DLT values, so raw IP may show up as 12 (Linux DLT_RAW)
/// or 14 (OpenBSD) even when the file says LINKTYPE_RAW (101); all three decode the same way.
/// </remarks>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte host-order address family.</summary>
    Null = 0,
    Ethernet = 1,

    /// <summary>DLT_RAW as libpcap reports it on Linux.</summary>
    RawDlt12 = 12,

    /// <summary>DLT_RAW as libpcap reports it on OpenBSD.</summary>
    RawDlt14 = 14,
    Raw = 101,
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,
}
