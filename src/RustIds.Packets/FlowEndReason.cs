namespace RustIds.Packets;

/// <summary>Why a flow left the flow table.</summary>
public enum FlowEndReason : byte
{
    /// <summary>Idle past the timeout of its state.</summary>
    Timeout = 0,

    /// <summary>The table was full and this was the least recently seen flow.</summary>
    Evicted = 1,

    /// <summary>A closed TCP flow's 5-tuple was reused by a new SYN.</summary>
    Reused = 2,

    /// <summary>The tracker was flushed at the end of a capture.</summary>
    Shutdown = 3,
}
