namespace RustIds.Packets;

/// <summary>Settings of one live capture on a network interface.</summary>
public sealed record LiveCaptureOptions
{
    /// <summary>Interface name, e.g. <c>eth0</c>; <c>any</c> captures on all (Linux SLL2 frames).</summary>
    public required string Interface { get; init; }

    /// <summary>Kernel BPF filter in tcpdump syntax; null captures everything.</summary>
    public string? BpfFilter { get; init; }

    /// <summary>Put the interface into promiscuous mode, to see traffic not addressed to this host.</summary>
    public bool Promiscuous { get; init; } = true;

    /// <summary>Bytes kept of each frame; 65535 keeps whole frames on every common MTU.</summary>
    public int SnapLength { get; init; } = 65535;

    /// <summary>How long one read waits for a frame before returning <see cref="PacketReadResult.Timeout"/>; also the kernel's block timeout.</summary>
    /// <remarks>Bounds how late a quiet link's frames are handed over and how late the worker notices cancellation; 50 ms by default.</remarks>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Deliver every frame at once instead of in kernel blocks; false by default.</summary>
    /// <remarks>
    /// Immediate mode makes libpcap 1.10 fall back to TPACKET_V2, whose ring has fixed slots of the snap
    /// length: a 4 MiB ring at snaplen 65535 held 64 frames, and a burst of 96 datagrams lost 32 (measured
    /// in the fanout test). TPACKET_V3 packs frames by their real size into blocks retired after
    /// <see cref="ReadTimeout"/>, so the same ring holds thousands of frames for at most that much latency.
    /// </remarks>
    public bool ImmediateMode { get; init; }

    /// <summary>Kernel capture ring size in bytes; 32 MiB by default, raise it when the kernel's <c>Dropped</c> counter grows.</summary>
    public int BufferSizeBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>AF_PACKET fanout group (1–65535) to join, or null for none; captures of several workers on one interface share one group.</summary>
    /// <remarks>
    /// The kernel then hands each packet to one member socket by a symmetric flow hash, so both directions
    /// of a flow (and, with defragmentation on, its fragments) reach the same worker: Suricata's
    /// <c>cluster_flow</c>. No copy and no dispatcher thread in user space.
    /// </remarks>
    public ushort? FanoutGroup { get; init; }
}
