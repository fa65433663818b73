namespace RustIds.Notify;

/// <summary>When a JSON-lines log (EVE, decisions) is rotated by rustids itself, and how many old files stay.</summary>
/// <remarks>
/// Both limits off (the default) leaves rotation to logrotate with <c>copytruncate</c> off and a SIGHUP
/// (<see cref="EveWriter.Reopen"/>). A rotated file is renamed to <c>NAME.yyyyMMdd-HHmmss</c> beside the log.
/// </remarks>
/// <param name="MaxBytes">Rotate before a record would make the file larger than this; null = no size limit.</param>
/// <param name="Interval">Rotate when the file has been open this long; null = no time limit.</param>
/// <param name="KeepFiles">Rotated files kept; the oldest beyond this are deleted.</param>
public sealed record LogRotation(long? MaxBytes = null, TimeSpan? Interval = null, int KeepFiles = 10)
{
    /// <summary>No rotation by rustids.</summary>
    public static LogRotation None { get; } = new();

    /// <summary>True when a limit is set.</summary>
    public bool IsEnabled => MaxBytes is not null || Interval is not null;

    /// <summary>Lists every invalid value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBytes is < 4096)
            errors.Add($"rotation size must be at least 4096 bytes (was {MaxBytes}).");
        if (Interval is { } interval && interval < TimeSpan.FromMinutes(1))
            errors.Add($"rotation interval must be at least one minute (was {interval}).");
        if (KeepFiles is < 1 or > 10_000)
            errors.Add($"rotated files kept must be 1–10000 (was {KeepFiles}).");
        return errors;
    }
}
