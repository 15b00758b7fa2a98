using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Net;

namespace FitFolio.TestMail;

/// <summary>
/// Listens as SmtpServer's own factory does, but every accepted connection has Nagle's algorithm off.
/// </summary>
/// <remarks>
/// SmtpServer answers pipelined commands (MAIL, RCPT, DATA) with one small write each. With Nagle on, the second
/// answer waits for the client to acknowledge the first, and the client, waiting for all of them before it sends
/// anything, acknowledges only when its delayed-ACK timer fires (40 ms on Linux): every message then took ~45 ms
/// on loopback, 1 ms with this listener. A relay in production answers at once; a test sink must not be the
/// bottleneck the bench measures.
/// </remarks>
internal sealed class NoDelayListenerFactory(Action<IPEndPoint> started) : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        started((IPEndPoint)listener.LocalEndpoint);
        return new NoDelayListener(listener);
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, listener.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint);
            return new PlainDuplexPipe(client);
        }

        public void Dispose() => listener.Stop();
    }
}
