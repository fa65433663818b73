namespace RustIds.Packets.AppLayer;

/// <summary>What a protocol probe concluded from the first bytes of one direction of a flow.</summary>
public enum ProbeResult : byte
{
    /// <summary>The bytes cannot be this protocol.</summary>
    NoMatch = 0,

    /// <summary>The bytes so far fit, but too few were seen to be sure.</summary>
    NeedMoreData = 1,

    /// <summary>The bytes are this protocol.</summary>
    Match = 2,
}
