using System.Net;
using System.Net.Sockets;

namespace RustIds.Testing;

/// <summary>Loopback ports for servers a test starts.</summary>
public static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago (bound to port 0, then released).</summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
