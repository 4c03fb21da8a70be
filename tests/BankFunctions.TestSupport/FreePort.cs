using System.Net;
using System.Net.Sockets;

namespace BankFunctions.TestSupport;

public static class FreePort
{
    /// <summary>Asks the OS for an unused loopback port. Another process could take it before we bind; callers retry on failure.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
