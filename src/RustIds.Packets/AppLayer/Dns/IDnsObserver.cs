namespace RustIds.Packets.AppLayer.Dns;

/// <summary>Receives the DNS messages a <see cref="DnsTcpParser"/> framed and parsed.</summary>
/// <remarks>
/// The message is the parser's reusable workspace and is overwritten by the next message: copy what
/// must outlive the call. Every message whose header was decoded is delivered, malformed ones too
/// (check <see cref="DnsMessage.Status"/>; the sections hold what was decoded before the problem), so
/// a rule on the query name still sees a query whose answer section is garbage. Called on the worker
/// thread, inside <see cref="DnsTcpParser.Parse"/>.
/// </remarks>
public interface IDnsObserver
{
    /// <summary>A message was parsed from the given direction.</summary>
    /// <param name="direction">The direction the message travelled.</param>
    /// <param name="message">The parsed message, valid during the call.</param>
    void OnDnsMessage(FlowDirection direction, DnsMessage message);
}
