[assembly: AssemblyFixture(typeof(FitFolio.Tests.Infrastructure.SiloTlsFiles))]

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The test run's silo certificates, made by <c>scripts/silo-tls.sh</c> (openssl) in a throwaway
/// directory: a cluster CA and two silo certificates it signed, so every test cluster runs the
/// mutual TLS production runs, plus what an impostor could hold: a self-signed certificate, and one
/// from another CA. <c>./fitfolio test</c> makes the directory once and passes it in
/// <c>FITFOLIO_TEST_SILO_TLS</c>; without it this fixture makes one and deletes it at the end.
/// </summary>
public sealed class SiloTlsFiles : IAsyncLifetime
{
    private static string? s_directory;
    private string? _owned;

    public static string Directory => s_directory ?? throw new InvalidOperationException("The silo TLS assembly fixture has not started.");

    public static string Ca => Path.Combine(Directory, "ca.pem");

    /// <summary>
    /// The <c>Silo:Tls</c> settings of a silo holding certificate <paramref name="name"/> (<c>silo</c>, <c>peer</c>,
    /// <c>impostor</c>, <c>stranger</c>) and trusting the cluster CA.
    /// </summary>
    public static Dictionary<string, string?> Settings(string name = "silo") => new()
    {
        ["Silo:Tls:CertificateFile"] = Path.Combine(Directory, name + ".pem"),
        ["Silo:Tls:KeyFile"] = Path.Combine(Directory, name + ".key"),
        ["Silo:Tls:TrustedCaFile"] = Ca,
    };

    /// <summary>The same as environment variables (<c>Silo__Tls__CertificateFile</c>) for a child process.</summary>
    public static Dictionary<string, string> Environment(string name = "silo") =>
        Settings(name).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    public async ValueTask InitializeAsync()
    {
        var given = System.Environment.GetEnvironmentVariable("FITFOLIO_TEST_SILO_TLS");
        if (string.IsNullOrWhiteSpace(given))
        {
            _owned = Path.Combine(Path.GetTempPath(), "fitfolio-test-tls-" + Guid.NewGuid().ToString("N")[..8]);
            await MakeAsync(_owned);
            given = _owned;
        }

        s_directory = given;
    }

    /// <summary>What <c>./fitfolio test</c> runs too: the CA, two silo certificates, the impostor's and a stranger CA's.</summary>
    public static async Task MakeAsync(string directory)
    {
        await RepositoryScript.RunAsync("silo-tls.sh", "ca", directory);
        await RepositoryScript.RunAsync("silo-tls.sh", "silo", directory, "silo");
        await RepositoryScript.RunAsync("silo-tls.sh", "silo", directory, "peer");
        await RepositoryScript.RunAsync("silo-tls.sh", "self-signed", directory, "impostor");
        var stranger = Path.Combine(directory, "stranger-ca");
        await RepositoryScript.RunAsync("silo-tls.sh", "ca", stranger);
        await RepositoryScript.RunAsync("silo-tls.sh", "silo", stranger, "stranger");
        File.Move(Path.Combine(stranger, "stranger.pem"), Path.Combine(directory, "stranger.pem"));
        File.Move(Path.Combine(stranger, "stranger.key"), Path.Combine(directory, "stranger.key"));
    }

    public ValueTask DisposeAsync()
    {
        if (_owned is not null && System.IO.Directory.Exists(_owned))
        {
            System.IO.Directory.Delete(_owned, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
