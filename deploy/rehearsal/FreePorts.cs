using System.Net;
using System.Net.Sockets;

namespace FitFolio.Rehearsal;

/// <summary>Loopback ports nobody listens on right now, so parallel rehearsals (and tests) never collide.</summary>
public static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports: every one is held until all are chosen, so none is handed out twice.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
