using RustIds.Engine.Configuration;
using RustIds.Packets;

namespace RustIds.Engine.Pipeline;

/// <summary>What to run: the configuration after command-line overrides, and where packets come from.</summary>
public sealed record RunRequest
{
    public required RustIdsOptions Options { get; init; }
    public required RunMode Mode { get; init; }

    /// <summary>Opens the packet source; called once, before the firewall is touched, so a bad source changes nothing.</summary>
    public required Func<IPacketSource> OpenSource { get; init; }

    /// <summary>Printed in logs and written as EVE's <c>in_iface</c>; empty for replays.</summary>
    public string InterfaceName { get; init; } = "";

    /// <summary>Name of the source for messages: the interface or the pcap path.</summary>
    public required string SourceName { get; init; }
}
