using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Silo TLS is on unless turned off, and its files are checked before the silo starts: anything
/// missing, unreadable or untrusted stops the real process with exit 2 and one line naming the key.
/// Turned off, the process runs and says so at every start.
/// </summary>
public sealed class SiloTlsConfigurationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("Silo__Tls__CertificateFile", null, "Silo:Tls:CertificateFile is required")]
    [InlineData("Silo__Tls__CertificateFile", "/nonexistent/silo.pem", "Silo:Tls:CertificateFile: cannot read /nonexistent/silo.pem")]
    [InlineData("Silo__Tls__KeyFile", null, "Silo:Tls:KeyFile is required")]
    [InlineData("Silo__Tls__KeyFile", "peer.key", "are not a PEM certificate and its unencrypted private key")]
    [InlineData("Silo__Tls__TrustedCaFile", null, "Silo:Tls:TrustedCaFile or Silo:Tls:TrustedThumbprints is required")]
    [InlineData("Silo__Tls__TrustedCaFile", "silo.key", "Silo:Tls:TrustedCaFile")]
    [InlineData("Silo__Tls__TrustedThumbprints", "AB:CD", "Silo:Tls:TrustedThumbprints must be SHA-256 thumbprints")]
    [InlineData("Silo__Tls__CertificateFile", "stranger.pem", "is not trusted by Silo:Tls:TrustedCaFile")]
    public async Task A_missing_unreadable_or_untrusted_silo_certificate_stops_the_process_with_one_line_naming_the_key(
        string key, string? value, string expected)
    {
        var environment = StartupTests.ValidEnvironment(database.ConnectionString);
        // A bare file name is one of the run's certificate files; the stranger's key goes with the stranger's certificate.
        environment[key] = value is null || value.StartsWith('/') ? value : Path.Combine(SiloTlsFiles.Directory, value);
        if (value == "stranger.pem")
        {
            environment["Silo__Tls__KeyFile"] = Path.Combine(SiloTlsFiles.Directory, "stranger.key");
        }

        var (exitCode, stderr) = await StartupTests.RunAsync(environment);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fitfolio: configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_silo_TLS_turned_off_the_process_runs_and_warns_that_the_silo_port_is_open()
    {
        var logs = Path.Combine(Path.GetTempPath(), "fitfolio-tls-off-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        var environment = StartupTests.ValidEnvironment(database.ConnectionString)
            .Where(setting => setting.Value is not null
                && !setting.Key.StartsWith("Silo__Tls__", StringComparison.Ordinal)
                && setting.Key is not ("Silo__Port" or "ASPNETCORE_URLS"))
            .ToDictionary(setting => setting.Key, setting => setting.Value!);
        environment["Silo__Tls__Enabled"] = "false";
        try
        {
            await using var process = ApiProcess.Start("tls-off", environment, logs);
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

            Assert.Contains("Silo TLS is OFF (Silo:Tls:Enabled=false)", process.LogTail(400), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
