namespace RustIds.Engine.Configuration;

/// <summary>Local state.</summary>
public sealed class StorageOptions
{
    /// <summary>SQLite file holding alerts, verdicts and blocks. <c>--db</c> overrides it.</summary>
    public string DatabasePath { get; set; } = "/var/lib/rustids/rustids.db";
}
