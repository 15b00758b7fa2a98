namespace FitFolio.Rehearsal;

/// <summary>
/// The proxy's certificate for https://localhost: a self-signed P-256 key made with openssl,
/// valid for a week, with localhost and 127.0.0.1 as subject alternative names.
/// </summary>
public sealed record SelfSignedCertificate(string CertificatePath, string KeyPath, string CombinedPemPath)
{
    public static async Task<SelfSignedCertificate> CreateAsync(string directory)
    {
        var certificate = Path.Combine(directory, "localhost.crt");
        var key = Path.Combine(directory, "localhost.key");
        await Tool.RunAsync("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "7", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key, "-out", certificate);

        // HAProxy takes the certificate and its key in one PEM file.
        var combined = Path.Combine(directory, "localhost.pem");
        await File.WriteAllTextAsync(combined, await File.ReadAllTextAsync(certificate) + await File.ReadAllTextAsync(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(combined, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new SelfSignedCertificate(certificate, key, combined);
    }
}
