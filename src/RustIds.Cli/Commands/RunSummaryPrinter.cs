using System.Globalization;
using RustIds.Engine.Pipeline;
using RustIds.Packets;

namespace RustIds.Cli.Commands;

/// <summary>Prints what a run did: packets, decode results, alerts by sid, decisions with reasons.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunReport report, string sourceName, bool stats = false)
    {
        var c = report.Counters;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"source:      {sourceName} ({report.StopReason})");
        Console.WriteLine($"rules:       {report.Rules.Rules.Count} loaded, {report.Rules.ErrorCount} with errors skipped");
        Console.WriteLine(string.Create(inv, $"packets:     {c.Packets} ({c.Bytes} bytes)"));
        Console.WriteLine(string.Create(inv,
            $"decode:      {c.DecodeCount(DecodeStatus.Ok)} ok, {c.DecodeCount(DecodeStatus.Truncated)} truncated, {c.DecodeCount(DecodeStatus.Malformed)} malformed, {c.DecodeCount(DecodeStatus.Unsupported)} unsupported"));
        if (report.Capture is { } kernel)
            Console.WriteLine(string.Create(inv, $"capture:     {kernel.Received} received by the kernel, {kernel.Dropped} dropped (ring full), {kernel.InterfaceDropped} dropped by the interface"));
        Console.WriteLine(string.Create(inv, $"alerts:      {c.AlertsHandled}{(c.AlertsDropped > 0 ? $" ({c.AlertsDropped} dropped: queue full)" : "")}"));
        foreach (var sid in c.AlertsBySid())
            Console.WriteLine(string.Create(inv, $"  {sid.Count,6}  {sid.Gid}:{sid.Sid}  {sid.Signature}"));
        var decisions = c.Decisions();
        Console.WriteLine(string.Create(inv, $"decisions:   {decisions.Count} (firewall: {report.FirewallBackend}){(report.BlocksExpired > 0 ? $", {report.BlocksExpired} expired within the capture" : "")}"));
        foreach (var decision in decisions)
        {
            var until = decision.ExpiresAt is { } e ? " until " + e.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", inv) : "";
            Console.WriteLine(string.Create(inv, $"  {decision.Outcome} {decision.Address} score {decision.Score}/{decision.Threshold}{until}"));
            foreach (var line in decision.Explanation.Split(Environment.NewLine).Skip(1))
                Console.WriteLine("    " + line.Trim());
        }
        if (report.NotificationsSent + report.NotificationsFailed + report.NotificationsQueued > 0)
            Console.WriteLine(string.Create(inv, $"notices:     {report.NotificationsSent} sent, {report.NotificationsFailed} failed attempts, {report.NotificationsQueued} queued for later"));
        foreach (var warning in report.Warnings)
            Console.WriteLine($"warning:     {warning}");
        Console.WriteLine($"eve:         {report.EvePath}");
        if (report.TranscriptPath is { } transcript)
            Console.WriteLine($"transcript:  {transcript}");
        if (stats)
            PrintCounters(report);
    }

    /// <summary>Every counter as <c>group.name  value</c>, one per line, in a stable order (<c>--stats</c>).</summary>
    private static void PrintCounters(RunReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("counters:");
        foreach (var group in report.Counters.Snapshot().Groups)
        {
            foreach (var (name, value) in group.Values)
                Console.WriteLine(string.Create(inv, $"  {group.Name + "." + name,-40} {value,14}"));
        }
        if (report.Capture is { } capture)
        {
            Console.WriteLine(string.Create(inv, $"  {"capture.kernel_received",-40} {capture.Received,14}"));
            Console.WriteLine(string.Create(inv, $"  {"capture.kernel_dropped",-40} {capture.Dropped,14}"));
            Console.WriteLine(string.Create(inv, $"  {"capture.interface_dropped",-40} {capture.InterfaceDropped,14}"));
        }
    }
}
