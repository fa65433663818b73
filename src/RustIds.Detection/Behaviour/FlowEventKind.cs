namespace RustIds.Detection.Behaviour;

/// <summary>What happened to a flow, as the detectors queue it.</summary>
internal enum FlowEventKind : byte
{
    /// <summary>A connection attempt began.</summary>
    Started,

    /// <summary>The flow left the table.</summary>
    Ended,

    /// <summary>The per-interval walk credits what the flow did since its last credit.</summary>
    Walked,
}
