using System.Security.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Connections.Security;

namespace FitFolio.Silo.Tls;

internal static class SiloTlsExtensions
{
    // Silos connect by IP address; the name only fills SNI. Trust is the pin (ClusterTrust), not a name.
    private const string PeerName = "fitfolio-silo";

    /// <summary>
    /// Mutual TLS on every silo connection, in and out (Orleans.Connections.Security), or, when
    /// <c>Silo:Tls:Enabled</c> is false, a warning at every start that the silo port is open.
    /// </summary>
    public static ISiloBuilder AddFitFolioTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = new SiloTlsOptions();
        configuration.GetSection(SiloTlsOptions.Section).Bind(options);
        if (!options.Enabled)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TlsOffWarning>();
            return silo;
        }

        var (certificate, trust) = SiloCertificates.Load(options);
        silo.Services.AddSingleton(trust);
        return silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.SslProtocols = SslProtocols.Tls13;
            tls.CheckCertificateRevocation = false;
            tls.HandshakeTimeout = options.HandshakeTimeout;
            // Called for every peer, whatever the platform thought of its chain (it would fail a self-signed or
            // private CA's certificate, and would pass a public CA's): the pin alone decides.
            tls.RemoteCertificateValidation = (peer, _, _) => trust.Accepts(peer);
            tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = PeerName;
        });
    }
}
