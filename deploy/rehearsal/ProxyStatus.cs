using System.Net.Sockets;
using System.Text;

namespace FitFolio.Rehearsal;

/// <summary>One server line of HAProxy's <c>show stat</c>: its state and what the proxy did for it.</summary>
/// <param name="Name">The server name (the silo's: silo1, silo2, ...).</param>
/// <param name="Status">"UP", "DOWN", "UP 1/2" (going down), "DOWN 1/2" (coming up), "MAINT", ...</param>
/// <param name="Retries">Requests re-sent after a failure on this server (wretr).</param>
/// <param name="Redispatches">Requests moved from this server to another (wredis).</param>
/// <param name="ServerErrors">5xx responses this server gave (hrsp_5xx).</param>
/// <param name="Requests">HTTP requests this server was given (req_tot); the readiness checks are not among them.</param>
public sealed record ProxyServerStatus(string Name, string Status, long Retries, long Redispatches, long ServerErrors, long Requests)
{
    public bool IsUp => Status == "UP";
}

/// <summary>Reads the proxy's view of the silos from HAProxy's runtime API (a Unix socket).</summary>
public static class ProxyStatus
{
    public static async Task<IReadOnlyList<ProxyServerStatus>> ReadAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        await socket.SendAsync("show stat\n"u8.ToArray(), SocketFlags.None, cancellationToken);
        var text = new StringBuilder();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (proxy, server, status, retries, redispatches, errors, requests) =
            (Column("pxname"), Column("svname"), Column("status"), Column("wretr"), Column("wredis"), Column("hrsp_5xx"), Column("req_tot"));
        var servers = new List<ProxyServerStatus>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            if (fields[proxy] != HaProxyConfig.Backend || fields[server] is "BACKEND" or "FRONTEND")
            {
                continue;
            }

            servers.Add(new ProxyServerStatus(
                fields[server], fields[status], Number(fields[retries]), Number(fields[redispatches]), Number(fields[errors]), Number(fields[requests])));
        }

        return servers;
    }

    private static long Number(string field) => long.TryParse(field, out var value) ? value : 0;
}
