namespace RustIds.Engine.Pipeline;

/// <summary>Live capture or a deterministic replay of a capture file.</summary>
public enum RunMode
{
    /// <summary>Capture from an interface on the system clock; alerts dropped and counted when the queue is full.</summary>
    Live,

    /// <summary>Read a pcap/pcapng on the packets' clock; every alert is handled.</summary>
    Replay,
}
