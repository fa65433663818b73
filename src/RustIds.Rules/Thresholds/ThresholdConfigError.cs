namespace RustIds.Rules.Thresholds;

/// <summary>A problem in a threshold.config file, printed like a compiler diagnostic.</summary>
/// <param name="File">The file name given to <see cref="ThresholdConfig.Parse"/>.</param>
/// <param name="Line">1-based physical line.</param>
/// <param name="Column">1-based column on that line.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ThresholdConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>Formats as <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
