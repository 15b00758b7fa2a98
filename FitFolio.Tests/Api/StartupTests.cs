using System.Diagnostics;
using FitFolio.Api.Hosting;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>The real process, started as operators start it: bad configuration stops it with one line naming the key.</summary>
public sealed class StartupTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("ConnectionStrings__Postgres", null, "ConnectionStrings:Postgres is required")]
    [InlineData("SessionCookie__Key", "short", "SessionCookie:Key is too weak")]
    [InlineData("SessionCookie__Key", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "SessionCookie:Key is too weak")]
    [InlineData("SessionCookie__PreviousKeys__0", "short", "SessionCookie:PreviousKeys entries must each be at least 32 characters")]
    [InlineData("App__PublicOrigin", null, "App:PublicOrigin is required")]
    [InlineData("App__PublicOrigin", "https://fitfolio.example/some/path", "App:PublicOrigin must be an origin")]
    [InlineData("App__PublicOrigin", "http://fitfolio.example", "App:PublicOrigin must be https")]
    [InlineData("ConnectionStrings__Redis", null, "ConnectionStrings:Redis is required")]
    [InlineData("ConnectionStrings__Redis", "redis:6379,flavour=strawberry", "ConnectionStrings:Redis is not a valid")]
    [InlineData("Silo__ProbeTimeout", "00:00:05", "Silo:ProbeTimeout × Silo:MissedProbesLimit must stay within 10 s")]
    [InlineData("Silo__ListenAddress", "silo.internal", "Silo:ListenAddress must be an IP address")]
    [InlineData("Shutdown__DrainDelay", "00:00:45", "Shutdown:DrainDelay (45 s) must be shorter than the host's shutdown timeout")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "proxy.internal", "ForwardedHeaders:KnownProxies:0 is not an IP address")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "10.0.0.2", "take effect only with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true")]
    [InlineData("Passkeys__Attestation", "always", "Passkeys:Attestation must be none, indirect, direct or enterprise (was 'always')")]
    [InlineData("Passkeys__Algorithms__0", "-65535", "Passkeys:Algorithms lists -65535, not an algorithm Fido2 verifies with a safe hash")]
    [InlineData("Passkeys__Algorithms__0", "ES256", "Passkeys:Algorithms must list at least one COSE algorithm id")]
    [InlineData("Passkeys__Metadata__BlobPath", "/nonexistent/mds.jwt", "Passkeys:Metadata:RootCertificatePath is required with Passkeys:Metadata:BlobPath")]
    public async Task A_missing_or_weak_setting_stops_the_process_with_one_line_naming_the_key(string key, string? value, string expected)
    {
        var environment = ValidEnvironment();
        environment[key] = value;

        AssertStoppedWithOneLine(await RunAsync(environment), expected);
    }

    /// <summary>
    /// Without SessionCookie:Key the cluster secret stands in (one release), so its absence or
    /// weakness is then the cookie key's too: still one line, naming what to set.
    /// </summary>
    [Theory]
    [InlineData(null, "SessionCookie:Key is required")]
    [InlineData("short", "Cluster:Secret (read as SessionCookie:Key while that is not set) is too weak")]
    public async Task Without_a_session_cookie_key_a_missing_or_weak_cluster_secret_stops_the_process_with_one_line(string? clusterSecret, string expected)
    {
        var environment = ValidEnvironment();
        environment["SessionCookie__Key"] = null;
        environment["Cluster__Secret"] = clusterSecret;

        AssertStoppedWithOneLine(await RunAsync(environment), expected);
    }

    /// <summary>The host checks every section before it throws, and then throws them together.</summary>
    [Fact]
    public async Task Two_bad_sections_at_once_still_stop_the_process_with_one_line()
    {
        var environment = ValidEnvironment();
        environment["Shutdown__DrainDelay"] = "00:00:45";
        environment["RateLimits__IPv6PrefixLength"] = "8";

        AssertStoppedWithOneLine(await RunAsync(environment), "Shutdown:DrainDelay (45 s) must be shorter");
    }

    [Fact]
    public async Task A_metadata_blob_that_cannot_be_read_stops_the_process_with_one_line_naming_the_key()
    {
        using var blob = new FitFolio.Tests.Passkeys.TestMetadataBlob();
        var environment = ValidEnvironment();
        environment["Passkeys__Metadata__BlobPath"] = blob.BlobPath + ".absent";
        environment["Passkeys__Metadata__RootCertificatePath"] = blob.RootPath;

        AssertStoppedWithOneLine(await RunAsync(environment), "Passkeys:Metadata:BlobPath: cannot read '" + blob.BlobPath + ".absent'");
    }

    [Fact]
    public async Task A_process_that_cannot_reach_PostgreSQL_says_so_and_exits_non_zero()
    {
        var environment = ValidEnvironment();
        environment["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=2";

        var (exitCode, stderr) = await RunAsync(environment);

        Assert.Equal(3, exitCode);
        Assert.StartsWith("fitfolio: cannot reach PostgreSQL", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrate_command_applies_migrations_and_exits()
    {
        var (exitCode, stderr) = await RunAsync(ValidEnvironment(), "migrate");

        Assert.Equal(0, exitCode);
        Assert.Empty(stderr);
    }

    private static void AssertStoppedWithOneLine((int ExitCode, string Stderr) run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fitfolio: configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> ValidEnvironment() => ValidEnvironment(database.ConnectionString);

    internal static Dictionary<string, string?> ValidEnvironment(string connectionString) => new()
    {
        ["ConnectionStrings__Postgres"] = connectionString,
        ["ConnectionStrings__Redis"] = RedisServer.ConnectionString,
        ["Cluster__Id"] = "startup-" + Guid.NewGuid().ToString("N"),
        ["SessionCookie__Key"] = ApiHost.SessionCookieKey,
        ["App__PublicOrigin"] = "https://fitfolio.example",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Silo__Port"] = "0",
        ["Silo__Tls__CertificateFile"] = SiloTlsFiles.Environment()["Silo__Tls__CertificateFile"],
        ["Silo__Tls__KeyFile"] = SiloTlsFiles.Environment()["Silo__Tls__KeyFile"],
        ["Silo__Tls__TrustedCaFile"] = SiloTlsFiles.Ca,
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    };

    internal static async Task<(int ExitCode, string Stderr)> RunAsync(Dictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(FitFolioApp).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stderr).Trim());
    }
}
