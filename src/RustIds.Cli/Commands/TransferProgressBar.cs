using System.Globalization;
using RustIds.Reputation.Feeds.Refresh;

namespace RustIds.Cli.Commands;

/// <summary>
/// A one-line download progress bar on standard error, redrawn in place at most ten times a second; silent when
/// standard error is not a terminal (a cron job's mail should hold results, not bars).
/// </summary>
internal sealed class TransferProgressBar(string label) : IProgress<FeedTransfer>
{
    private const int Width = 30;
    private static readonly bool Interactive = !Console.IsErrorRedirected;
    private long _lastDrawTicks;
    private bool _drawn;

    public void Report(FeedTransfer value)
    {
        if (!Interactive)
            return;
        var now = Environment.TickCount64;
        if (_drawn && now - _lastDrawTicks < 100 && value.Bytes != value.Total)
            return;
        _lastDrawTicks = now;
        _drawn = true;
        string bar;
        if (value.Total is > 0 and var total)
        {
            var share = Math.Clamp((double)value.Bytes / total, 0, 1);
            var filled = (int)(share * Width);
            bar = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} {Size(value.Bytes)}/{Size(total)}");
        }
        else
        {
            bar = $"[{new string('?', Width)}] {Size(value.Bytes)}";
        }
        Console.Error.Write($"\r  {label,-20} {bar}   ");
    }

    /// <summary>Ends the bar's line so the next output starts clean.</summary>
    public void Finish()
    {
        if (_drawn)
            Console.Error.WriteLine();
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
