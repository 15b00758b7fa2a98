using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(FitFolio.Tests.Infrastructure.PostgresServer))]

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server for this test run. <c>./fitfolio test</c> starts one and passes its
/// admin connection string in <c>FITFOLIO_TEST_POSTGRES</c>; run from an IDE without it, this
/// fixture starts a throwaway server itself through <c>scripts/postgres.sh</c> and stops it after.
/// Each test class then gets a database of its own (<see cref="TestDatabase"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _ownedDirectory;

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("FITFOLIO_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AdminConnectionString = configured;
            return;
        }

        _ownedDirectory = Path.Combine(Path.GetTempPath(), "fitfolio-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var output = await RunScriptAsync("start", _ownedDirectory, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        AdminConnectionString = output.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_ownedDirectory is not null)
        {
            await RunScriptAsync("stop", _ownedDirectory);
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    internal static Task<string> RunScriptAsync(params string[] arguments) => RepositoryScript.RunAsync("postgres.sh", arguments);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FitFolio.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FitFolio.sln not found above " + AppContext.BaseDirectory);
    }
}
