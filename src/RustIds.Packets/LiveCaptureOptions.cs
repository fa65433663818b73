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

    /// <summary>How long one read waits for a frame before returning <see cref="PacketReadResult.Timeout"/>.</summary>
    /// <remarks>Bounds how late the worker notices cancellation; 200 ms by default.</remarks>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliver frames as they arrive instead of batching them in the kernel buffer.</summary>
    /// <remarks>An IPS reacts per packet, so latency matters more than the few wakeups saved by batching.</remarks>
    public bool ImmediateMode { get; init; } = true;

    /// <summary>Kernel capture ring size in bytes; 4 MiB by default, raise it when <c>Dropped</c> grows.</summary>
    public int BufferSizeBytes { get; init; } = 4 * 1024 * 1024;
}
