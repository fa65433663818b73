namespace RustIds.Packets.AppLayer.Http;

/// <summary>Receives HTTP transactions from an <see cref="HttpParser"/> as their parts complete.</summary>
/// <remarks>
/// Called on the parser's thread, in the middle of <see cref="HttpParser.Parse"/>, <see cref="HttpParser.OnGap"/>
/// or <see cref="HttpParser.OnEnd"/>. The transaction's spans are valid during the call; do not keep them.
/// Implementations must not call back into the same parser.
/// </remarks>
public interface IHttpObserver
{
    /// <summary>The request line and headers are complete (the body may follow).</summary>
    void OnRequestHeaders(HttpTransaction transaction);

    /// <summary>The request, body included, is complete (or was cut short; see <see cref="HttpTransaction.Flags"/>).</summary>
    void OnRequestComplete(HttpTransaction transaction);

    /// <summary>The status line and headers of the final response are complete.</summary>
    void OnResponseHeaders(HttpTransaction transaction);

    /// <summary>The response, body included, is complete (or was cut short).</summary>
    void OnResponseComplete(HttpTransaction transaction);
}
