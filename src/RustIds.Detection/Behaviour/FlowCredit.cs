namespace RustIds.Detection.Behaviour;

/// <summary>What the baselines were already told about the flow in one table slot.</summary>
internal struct FlowCredit
{
    public ulong FlowId;
    public long Packets;
    public long Bytes;
    public long BytesUp;

    /// <summary>Opened by an internal host: its traffic feeds that host's baseline.</summary>
    public bool FromInside;

    /// <summary>From an internal host to an outside peer: its upload feeds the pair's baseline.</summary>
    public bool Outbound;

    public bool LowAndSlowReported;
}
