using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace FitFolio.TestMail;

/// <summary>
/// One accepted connection as SmtpServer reads and writes it. The test mailbox offers no STARTTLS (tests that need
/// TLS refused prove it against this plain server), so the connection is never upgraded.
/// </summary>
internal sealed class PlainDuplexPipe : ISecurableDuplexPipe
{
    private readonly TcpClient _client;

    public PlainDuplexPipe(TcpClient client)
    {
        _client = client;
        var stream = client.GetStream();
        Input = PipeReader.Create(stream);
        Output = PipeWriter.Create(stream);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public bool IsSecure => false;

    public SslProtocols SslProtocol => SslProtocols.None;

    public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The test mailbox offers no STARTTLS.");

    public void Dispose() => _client.Dispose();
}
