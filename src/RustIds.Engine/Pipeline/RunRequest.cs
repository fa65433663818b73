using RustIds.Engine.Configuration;
using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>What to run: the configuration after command-line overrides, and where packets come from.</summary>
public sealed record RunRequest
{
    public required RustIdsOptions Options { get; init; }
    public required RunMode Mode { get; init; }

    /// <summary>Opens the packet source of worker 0; called once, before the firewall is touched, so a bad source changes nothing.</summary>
    public required Func<IPacketSource> OpenSource { get; init; }

    /// <summary>Capture workers (live only): each has its own source, packet path and thread. 1 by default.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Opens the source of worker <c>i</c> when <see cref="Workers"/> is above 1 (e.g. one fanout member each).</summary>
    public Func<int, IPacketSource>? OpenWorkerSource { get; init; }

    /// <summary>Printed in logs and written as EVE's <c>in_iface</c>; empty for replays.</summary>
    public string InterfaceName { get; init; } = "";

    /// <summary>
    /// A replay under a virtual clock: the transcript file (alerts, decisions, ends, notifications in order), and
    /// notifications go there instead of to the configured channels. Null: a replay notifies for real.
    /// </summary>
    public string? TranscriptPath { get; init; }

    /// <summary>Name of the source for messages: the interface or the pcap path.</summary>
    public required string SourceName { get; init; }
}
