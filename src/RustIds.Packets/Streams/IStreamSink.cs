namespace RustIds.Packets.Streams;

/// <summary>Receives the reassembled bytes of a TCP connection, one direction at a time (app-layer dispatch).</summary>
/// <remarks>
/// Implemented by the caller, typically as a struct or ref struct so <see cref="TcpReassembler.Process"/>
/// calls it without boxing or virtual dispatch. For each direction the calls form one sequence: data and gaps
/// in stream order, then at most one <see cref="OnEnd"/>. Spans are valid only during the call (they may point
/// into the capture buffer or a pooled buffer). A sink must not call back into the reassembler.
/// </remarks>
public interface IStreamSink
{
    /// <summary>The next in-order bytes of <paramref name="direction"/>.</summary>
    /// <param name="direction">Which side sent the bytes.</param>
    /// <param name="data">The bytes; never empty; valid only during the call.</param>
    void OnData(FlowDirection direction, ReadOnlySpan<byte> data);

    /// <summary>Bytes of <paramref name="direction"/> that will never come (lost in capture, or not buffered).</summary>
    /// <param name="direction">Which side sent the missing bytes.</param>
    /// <param name="missingBytes">How many bytes are missing before the next <see cref="OnData"/>; never 0.</param>
    void OnGap(FlowDirection direction, uint missingBytes);

    /// <summary>No more data will come in <paramref name="direction"/> (FIN reached, RST, or the flow finished).</summary>
    /// <param name="direction">The direction that ended.</param>
    void OnEnd(FlowDirection direction);
}
