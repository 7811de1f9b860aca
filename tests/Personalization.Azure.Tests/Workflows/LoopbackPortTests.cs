using System.Net;
using System.Net.Sockets;
using Personalization.Azure.Workflows;

namespace Personalization.Azure.Tests.Workflows;

public sealed class LoopbackPortTests
{
    [Fact]
    public void Free_IsAPortTheCallerCanListenOn_AndNotOneAlreadyTaken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((IPEndPoint)taken.LocalEndpoint).Port;

        var port = LoopbackPort.Free();

        Assert.NotEqual(busy, port);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listener.Stop();
        taken.Stop();
    }
}
