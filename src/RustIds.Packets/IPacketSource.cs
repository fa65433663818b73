namespace RustIds.Packets;

/// <summary>Where frames come from: a live interface, a capture file, or memory.</summary>
/// <remarks>
/// Not thread-safe: one capture worker thread calls <see cref="ReadNext"/>. A frame's bytes stay
/// valid only until the next call, so anything kept longer must be copied.
/// </remarks>
public interface IPacketSource : IDisposable
{
    /// <summary>Link-layer type of every frame this source returns.</summary>
    LinkType LinkType { get; }

    /// <summary>After <see cref="PacketReadResult.Error"/>, libpcap's explanation; otherwise null.</summary>
    string? LastError { get; }

    /// <summary>Reads the next frame without allocating.</summary>
    PacketReadResult ReadNext(out RawFrame frame);
}
