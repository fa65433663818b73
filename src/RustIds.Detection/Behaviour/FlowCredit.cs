namespace RustIds.Detection.Behaviour;

/// <summary>What the baselines were already told about a flow a walk has credited.</summary>
internal struct FlowCredit
{
    public long Packets;
    public long Bytes;
    public long BytesUp;
    public bool LowAndSlowReported;
}
