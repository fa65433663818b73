namespace RustIds.Engine.Configuration;

/// <summary>Live capture settings for <c>rustids run</c>.</summary>
public sealed class CaptureOptions
{
    /// <summary>Interface to capture on, e.g. <c>eth0</c>. <c>--interface</c> overrides it.</summary>
    public string? Interface { get; set; }

    /// <summary>Optional BPF filter (tcpdump syntax) applied in the kernel; null captures everything.</summary>
    public string? BpfFilter { get; set; }

    /// <summary>Put the interface in promiscuous mode. Default true: a gateway sees routed traffic anyway.</summary>
    public bool Promiscuous { get; set; } = true;

    /// <summary>Bytes captured per frame. Default 65535: rules need whole payloads.</summary>
    public int SnapLength { get; set; } = 65535;

    /// <summary>Kernel capture ring per worker in MiB. Default 32; raise it when kernel drops show in the stats.</summary>
    public int BufferSizeMiB { get; set; } = 32;

    /// <summary>Hand over every frame at once (TPACKET_V2, fixed slots) instead of in blocks. Default false: see docs/configuration.md.</summary>
    public bool ImmediateMode { get; set; }

    /// <summary>Longest wait in milliseconds before a quiet link's frames are handed over (the kernel block timeout). Default 50.</summary>
    public int ReadTimeoutMs { get; set; } = 50;

    /// <summary>Capture workers, each with its own ring, flow table and detection thread, joined in one AF_PACKET fanout group. Default 1.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Capacity of the alert queue between capture and response; when full, alerts are dropped and counted.</summary>
    public int AlertQueueCapacity { get; set; } = 10_000;
}
