namespace FitFolio.Silo.Tls;

/// <summary>
/// Configuration section <c>Silo:Tls</c>: mutual TLS on the silo-to-silo port. Every silo presents
/// its certificate and accepts a peer only if the peer's certificate chains to a pinned cluster CA
/// or is itself pinned by thumbprint; nothing else, and never the system's trust store.
/// </summary>
public sealed class SiloTlsOptions
{
    public const string Section = "Silo:Tls";

    /// <summary>
    /// Default true. False turns TLS off (a warning is logged at every start): only for a single
    /// silo on loopback (<c>./fitfolio run</c>), where no peer exists to authenticate.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>PEM file of this silo's certificate (a secret file, e.g. <c>/run/secrets/silo_tls_certificate</c>). Required when enabled.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of the certificate's private key (PKCS#8, SEC1 or PKCS#1, unencrypted). Required when enabled.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// PEM file of the cluster CA certificate(s) a peer's certificate must chain to. Several may be
    /// listed in the file: during a CA rotation it holds the old and the new CA (RUNBOOK.md). Default
    /// none; this or <see cref="TrustedThumbprints"/> is required when enabled.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (hex, separated by commas, semicolons or spaces) of peer certificates
    /// accepted as they are, whoever issued them: pinning without a CA, or old and new during a
    /// rotation. Default none.
    /// </summary>
    public string? TrustedThumbprints { get; set; }

    /// <summary>How long a TLS handshake with a peer may take. Default 10 seconds (Orleans' default).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
