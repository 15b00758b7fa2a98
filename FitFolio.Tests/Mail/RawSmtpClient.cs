using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FitFolio.Tests.Mail;

/// <summary>An SMTP client that sends exactly the bytes a test gives it, malformed ones included.</summary>
internal sealed class RawSmtpClient : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSmtpClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<RawSmtpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var client = new RawSmtpClient(tcp);
        client.Greeting = await client.ReadReplyAsync();
        return client;
    }

    /// <summary>Sends one command line (CRLF added) and returns the whole reply, lines joined with '\n'.</summary>
    public async Task<string> SendAsync(string command)
    {
        await WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"));
        return await ReadReplyAsync();
    }

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
        await _stream.FlushAsync(TestContext.Current.CancellationToken);
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task<string> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(ReplyTimeout, TestContext.Current.CancellationToken)
                ?? throw new IOException("The server closed the connection. Reply so far: " + string.Join('\n', lines));
            lines.Add(line);
            // The last line of a reply has a space after the code; the others a hyphen (RFC 5321 §4.2.1).
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>True once the server has closed its side.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        var buffer = new byte[1];
        return await _stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(ReplyTimeout, TestContext.Current.CancellationToken) == 0;
    }

    public async Task DeliverAsync(string from, string to, string data)
    {
        Assert.StartsWith("250", await SendAsync("EHLO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("250", await SendAsync($"MAIL FROM:<{from}>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await SendAsync($"RCPT TO:<{to}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await SendAsync("DATA"), StringComparison.Ordinal);
        await WriteAsync(data + "\r\n.\r\n");
        Assert.StartsWith("250", await ReadReplyAsync(), StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
