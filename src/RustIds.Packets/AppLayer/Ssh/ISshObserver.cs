namespace RustIds.Packets.AppLayer.Ssh;

/// <summary>Receives the identification lines the SSH parser decoded from a flow.</summary>
/// <remarks>
/// The banner is owned by the parser and stays valid until <see cref="SshParser.Reset"/>; copy
/// what must outlive the flow. Called on the worker thread, inside <see cref="SshParser.Parse"/>.
/// </remarks>
public interface ISshObserver
{
    /// <summary>One side's identification line was parsed (at most once per direction and flow).</summary>
    /// <param name="direction">Which side sent it: <see cref="FlowDirection.ToServer"/> is the client's banner.</param>
    /// <param name="banner">The parsed line.</param>
    void OnBanner(FlowDirection direction, SshBanner banner);
}
