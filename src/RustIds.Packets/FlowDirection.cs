namespace RustIds.Packets;

/// <summary>Direction of a packet relative to the flow's initiator (the client).</summary>
public enum FlowDirection : byte
{
    Unknown = 0,
    ToServer = 1,
    ToClient = 2,
}
