using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// One TCP connection speaking Redis' wire protocol (RESP2) directly: enough for tests to ping a
/// server and write and read keys without a Redis client library, so what they prove about the
/// server does not depend on a client's reconnects or retries.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly BufferedStream _stream;

    private RespConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = new BufferedStream(tcp.GetStream());
    }

    /// <summary>Connects to <paramref name="connectionString"/> of the form <c>host:port</c>.</summary>
    public static async Task<RespConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var separator = connectionString.LastIndexOf(':');
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(
                connectionString[..separator], int.Parse(connectionString[(separator + 1)..], CultureInfo.InvariantCulture), cancellationToken);
            return new RespConnection(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends one command and reads its reply: a simple or bulk string as <see cref="string"/>, an
    /// integer as <see cref="long"/>, an array as <c>object?[]</c>, a null reply as null. An error
    /// reply throws.
    /// </summary>
    public async Task<object?> SendAsync(params string[] command)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        await _stream.FlushAsync();
        return await ReadReplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<object?> ReadReplyAsync()
    {
        var line = await ReadLineAsync();
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return payload;
            case '-':
                throw new InvalidOperationException("Redis answered with an error: " + payload);
            case ':':
                return long.Parse(payload, CultureInfo.InvariantCulture);
            case '$' when payload == "-1":
            case '*' when payload == "-1":
                return null;
            case '$':
                var bytes = new byte[int.Parse(payload, CultureInfo.InvariantCulture) + 2];
                await _stream.ReadExactlyAsync(bytes);
                return Encoding.UTF8.GetString(bytes, 0, bytes.Length - 2);
            case '*':
                var items = new object?[int.Parse(payload, CultureInfo.InvariantCulture)];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = await ReadReplyAsync();
                }

                return items;
            default:
                throw new InvalidDataException("Not a RESP reply: " + line);
        }
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            await _stream.ReadExactlyAsync(one);
            line.Add(one[0]);
        }

        return Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(line)[..^2]);
    }
}
