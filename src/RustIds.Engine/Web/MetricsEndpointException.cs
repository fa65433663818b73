namespace RustIds.Engine.Web;

/// <summary>The metrics endpoint could not listen where it was told (address in use, not on this host).</summary>
public sealed class MetricsEndpointException(string message, Exception inner) : Exception(message, inner);
