namespace RustIds.Engine.Configuration;

/// <summary>The whole configuration file (<c>/etc/rustids/rustids.json</c>), one section per stage.</summary>
/// <remarks>Bound from the JSON file, then <c>RUSTIDS__Section__Key</c> environment variables, then CLI flags.</remarks>
public sealed class RustIdsOptions
{
    public CaptureOptions Capture { get; set; } = new();
    public PacketsOptions Packets { get; set; } = new();
    public RulesOptions Rules { get; set; } = new();
    public RustIds.Detection.Behaviour.DetectorOptions Detectors { get; set; } = new();
    public ReputationOptions Reputation { get; set; } = new();
    public FirewallOptions Firewall { get; set; } = new();
    public NotifyOptions Notify { get; set; } = new();
    public EveOptions Eve { get; set; } = new();
    public StorageOptions Storage { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();
    public ApiOptions Api { get; set; } = new();
    public LoggingOptions Logging { get; set; } = new();
}
