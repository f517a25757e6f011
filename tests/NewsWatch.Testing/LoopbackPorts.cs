using System.Net;
using System.Net.Sockets;

namespace NewsWatch.Testing;

/// <summary>
/// Loopback ports for servers the tests start in other processes (Azurite, the Functions host), which must be told a
/// port rather than binding port 0 themselves. A port is chosen below the kernel's ephemeral range (32768 and up on
/// Linux), where every outgoing connection's local port and every in-process server's port 0 land, so neither can take
/// it between the choice and the other process's bind. It is free when chosen and never given out twice by this test
/// process. Another test process can still race for it, so callers start their server again on a new port when it
/// exits at start.
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> s_given = [];

    /// <summary>A loopback port free now, below the ephemeral range, not given out before by this process.</summary>
    public static int Unused()
    {
        lock (s_given)
        {
            while (true)
            {
                var port = Random.Shared.Next(20_000, 32_000);
                if (!s_given.Add(port))
                {
                    continue;
                }

                try
                {
                    using var probe = new TcpListener(IPAddress.Loopback, port);
                    probe.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Taken: another one.
                }
            }
        }
    }

    /// <summary>A loopback port held by a listener the caller disposes, for tests of what a server does when its port is taken.</summary>
    public static TcpListener Hold(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
