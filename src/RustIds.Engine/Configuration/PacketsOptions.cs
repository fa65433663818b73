namespace RustIds.Engine.Configuration;

/// <summary>The packet path between capture and rules: checksums, defragmentation, flows, TCP reassembly, app-layer parsers.</summary>
/// <remarks>Limits are per capture worker; memory adds up over <see cref="CaptureOptions.Workers"/>.</remarks>
public sealed class PacketsOptions
{
    /// <summary>Check checksums and drop packets that fail. Default false: NIC checksum offload makes a host's own outgoing packets look wrong.</summary>
    public bool ValidateChecksums { get; set; }

    /// <summary>Reassemble IP fragments before flows and rules see them. Default true.</summary>
    public bool Defragment { get; set; } = true;

    /// <summary>Memory for incomplete fragmented datagrams, in MiB. Default 16; past it the oldest datagram is dropped.</summary>
    public int DefragMemcapMiB { get; set; } = 16;

    /// <summary>Reassemble TCP streams and parse HTTP, DNS, TLS, SSH, MQTT and CoAP. Default true; false leaves packet rules only.</summary>
    public bool AppLayer { get; set; } = true;

    /// <summary>Flows tracked at once; the table is allocated at start. Default 65536; past it the least recently seen flow is evicted.</summary>
    public int MaxFlows { get; set; } = 65536;

    /// <summary>Accept TCP connections whose handshake was not seen (rustids restarted mid-connection). Default true.</summary>
    public bool Midstream { get; set; } = true;

    /// <summary>Bytes of each TCP direction reassembled and parsed, in KiB. Default 1024 (1 MiB), like Suricata's stream depth.</summary>
    public int StreamDepthKiB { get; set; } = 1024;

    /// <summary>Memory for out-of-order TCP segments waiting for a hole to fill, in MiB. Default 64.</summary>
    public int StreamMemcapMiB { get; set; } = 64;

    /// <summary>
    /// Compare retransmitted TCP data with what was already delivered and count differences (an evasion signal,
    /// <c>reassembly.overlaps_different_data</c>). Default false, like Suricata's <c>check-overlap-different-data</c>
    /// outside inline mode: it keeps a copy of every delivered byte until acknowledged, which cost a tenth of a replay.
    /// </summary>
    public bool CheckRetransmittedData { get; set; }
}
