using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace FitFolio.Silo.Tls;

/// <summary>
/// Reads <c>Silo:Tls</c>'s files at start: this silo's certificate and key, and the pinned CAs and
/// thumbprints. Anything missing, unreadable or inconsistent stops the process with one line naming
/// the key (exit 2), never the content of a file.
/// </summary>
public static class SiloCertificates
{
    /// <summary>This silo's certificate (with its key) and whom it trusts.</summary>
    public sealed record Loaded(X509Certificate2 Certificate, ClusterTrust Trust);

    public static Loaded Load(SiloTlsOptions options)
    {
        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            throw Invalid("Silo:Tls:HandshakeTimeout must be positive.");
        }

        var certificatePem = ReadRequired(options.CertificateFile, "CertificateFile", "this silo's certificate (PEM)");
        var keyPem = ReadRequired(options.KeyFile, "KeyFile", "the private key of Silo:Tls:CertificateFile (PEM)");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw Invalid(
                $"Silo:Tls:CertificateFile and Silo:Tls:KeyFile ({options.CertificateFile}, {options.KeyFile}) "
                + $"are not a PEM certificate and its unencrypted private key ({exception.GetType().Name}).");
        }

        var authorities = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(options.TrustedCaFile))
        {
            var caPem = ReadRequired(options.TrustedCaFile, "TrustedCaFile", "the cluster CA certificate(s) (PEM)");
            try
            {
                authorities.ImportFromPem(caPem);
            }
            catch (CryptographicException)
            {
                throw Invalid($"Silo:Tls:TrustedCaFile ({options.TrustedCaFile}) holds no PEM certificate.");
            }

            if (authorities.Count == 0)
            {
                throw Invalid($"Silo:Tls:TrustedCaFile ({options.TrustedCaFile}) holds no PEM certificate.");
            }
        }

        var thumbprints = (options.TrustedThumbprints ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (thumbprints.Any(t => t.Replace(":", "", StringComparison.Ordinal) is var hex && (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))))
        {
            throw Invalid("Silo:Tls:TrustedThumbprints must be SHA-256 thumbprints: 64 hex digits each (openssl x509 -noout -fingerprint -sha256).");
        }

        if (authorities.Count == 0 && thumbprints.Length == 0)
        {
            throw Invalid(
                "Silo:Tls:TrustedCaFile or Silo:Tls:TrustedThumbprints is required: silos accept only peers the cluster pins "
                + "(or set Silo:Tls:Enabled=false for a single silo).");
        }

        var trust = new ClusterTrust(authorities, thumbprints);
        // A silo whose own certificate its peers (configured alike) would refuse could never join: say so now, not as probe timeouts.
        if (!trust.Accepts(certificate))
        {
            throw Invalid(
                $"Silo:Tls:CertificateFile ({options.CertificateFile}) is not trusted by Silo:Tls:TrustedCaFile or TrustedThumbprints "
                + "(expired, another CA, or missing the serverAuth and clientAuth usages).");
        }

        return new Loaded(certificate, trust);
    }

    private static string ReadRequired(string? path, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Invalid($"Silo:Tls:{key} is required: {what}, e.g. a Docker secret under /run/secrets (or set Silo:Tls:Enabled=false for a single silo).");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"Silo:Tls:{key}: cannot read {path} ({exception.GetType().Name}).");
        }
    }

    private static OptionsValidationException Invalid(string message) => new(SiloTlsOptions.Section, typeof(SiloTlsOptions), [message]);
}
