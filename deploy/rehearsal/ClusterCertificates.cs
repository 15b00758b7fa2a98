namespace FitFolio.Rehearsal;

/// <summary>
/// The rehearsal cluster's own CA and the silo certificate it signed (scripts/silo-tls.sh, openssl),
/// in the work directory: the silos run mutual TLS pinned to that CA, as production does.
/// </summary>
public sealed record ClusterCertificates(string CertificatePath, string KeyPath, string CaPath)
{
    public static async Task<ClusterCertificates> CreateAsync(string workDirectory)
    {
        var directory = Path.Combine(workDirectory, "silo-tls");
        await Tool.RunAsync(RepositoryLayout.SiloTlsScript, "ca", directory);
        await Tool.RunAsync(RepositoryLayout.SiloTlsScript, "silo", directory, "silo");
        return new ClusterCertificates(Path.Combine(directory, "silo.pem"), Path.Combine(directory, "silo.key"), Path.Combine(directory, "ca.pem"));
    }

    /// <summary>The <c>Silo:Tls</c> settings every silo gets, as environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment() =>
    [
        new("Silo__Tls__CertificateFile", CertificatePath),
        new("Silo__Tls__KeyFile", KeyPath),
        new("Silo__Tls__TrustedCaFile", CaPath),
    ];
}
