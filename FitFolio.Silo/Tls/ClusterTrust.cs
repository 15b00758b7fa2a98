using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FitFolio.Silo.Tls;

/// <summary>
/// Whom a silo accepts as a peer: a certificate pinned by its SHA-256 thumbprint, or one that chains
/// to a pinned cluster CA with both TLS usages. The platform's verdict is never asked: the system
/// trust store would accept any public CA's certificate, and a self-signed certificate fails its
/// chain check, whose easy "fix" (accept any certificate) lets anyone join. Names are not checked:
/// silos reach each other by IP address, and the pin, not a name, is the cluster's identity.
/// </summary>
public sealed class ClusterTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _thumbprints;

    public ClusterTrust(X509Certificate2Collection authorities, IEnumerable<string> thumbprints)
    {
        _authorities = authorities;
        _thumbprints = thumbprints.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    public int AuthorityCount => _authorities.Count;

    public int ThumbprintCount => _thumbprints.Count;

    /// <summary>The thumbprint as configured: hex of SHA-256 over the DER certificate, upper case, no separators.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Whether <paramref name="certificate"/> is one of the cluster's: pinned, or issued by a pinned CA and valid now.</summary>
    public bool Accepts(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        if (_thumbprints.Contains(ThumbprintOf(certificate)))
        {
            return true;
        }

        if (_authorities.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Our own CA publishes no revocation list: a compromised silo key is answered by rotating the CA (RUNBOOK.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }

    private static string Normalize(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
}
