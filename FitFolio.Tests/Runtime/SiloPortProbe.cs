using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Opens a TLS connection to a silo port as a peer would, presenting a given certificate (or none),
/// and tells whether the silo kept it open: what any message, a grain call included, would need first.
/// </summary>
public static class SiloPortProbe
{
    /// <summary>True when the silo closed or refused the connection within <paramref name="wait"/>; false when it was still open.</summary>
    public static async Task<bool> IsRefusedAsync(IPEndPoint silo, X509Certificate2? certificate, TimeSpan wait)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(silo, TestContext.Current.CancellationToken);
        // The probe is the client: whom the silo is does not matter here, only whether the silo accepts us.
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "fitfolio-silo",
                    EnabledSslProtocols = SslProtocols.Tls13,
                    ClientCertificates = certificate is null ? null : [certificate],
                },
                timeout.Token);
            // TLS 1.3: the server judges the client's certificate after the client has finished; a refusal arrives as an alert, then EOF.
            var buffer = new byte[1];
            return await tls.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception) when (exception is IOException or AuthenticationException)
        {
            return true;
        }
    }
}
