using System.Net;
using System.Net.Sockets;

namespace Personalization.Azure.Workflows;

/// <summary>
/// A loopback TCP port that is free now, for the in-process durable task sidecar (its own default is a random port in
/// 30000–40000 without a check, which collides with ports already in use, outgoing connections' ones included, and then
/// the host does not start).
/// </summary>
public static class LoopbackPort
{
    /// <summary>Asks the operating system for an unused loopback port and releases it at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
