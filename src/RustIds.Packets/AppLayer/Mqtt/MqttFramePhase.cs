namespace RustIds.Packets.AppLayer.Mqtt;

/// <summary>Which part of a control packet a direction is reading.</summary>
internal enum MqttFramePhase : byte
{
    /// <summary>Waiting for the first fixed-header byte.</summary>
    Header = 0,

    /// <summary>Reading the remaining-length variable byte integer.</summary>
    Length = 1,

    /// <summary>Collecting the body of a message to decode.</summary>
    Body = 2,

    /// <summary>Skipping the body of an oversized message.</summary>
    Skip = 3,

    /// <summary>Gave up on the direction (gap or broken framing).</summary>
    Stopped = 4,
}
