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

    /// <summary>Capacity of the alert queue between capture and response; when full, alerts are dropped and counted.</summary>
    public int AlertQueueCapacity { get; set; } = 10_000;
}
