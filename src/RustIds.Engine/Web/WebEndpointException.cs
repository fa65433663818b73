namespace RustIds.Engine.Web;

/// <summary>The metrics or API endpoint could not listen where it was told (address in use, not on this host).</summary>
public sealed class WebEndpointException(string message, Exception inner) : Exception(message, inner);
