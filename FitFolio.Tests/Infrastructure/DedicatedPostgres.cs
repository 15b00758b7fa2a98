using System.Globalization;
using FitFolio.Api.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of a test's own, which the test may stop and start again (database
/// outages), unlike the shared server every other test class uses.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fitfolio-outage-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = PostgresServer.FreePort();

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={_port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=fitfolio;Timeout=3;Command Timeout=5";

    public static async Task<DedicatedPostgres> StartAsync()
    {
        var server = new DedicatedPostgres();
        await server.StartServerAsync();
        await using (var admin = new NpgsqlConnection(server.ConnectionString.Replace("Database=fitfolio", "Database=postgres", StringComparison.Ordinal)))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("create database fitfolio", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded);
        return server;
    }

    public Task StartServerAsync() => PostgresServer.RunScriptAsync("start", _directory, _port.ToString(CultureInfo.InvariantCulture));

    /// <summary>A clean stop: these servers run without synchronous commit, so an immediate stop could lose acknowledged commits.</summary>
    public Task StopServerAsync() => PostgresServer.RunScriptAsync("stop", _directory, "fast");

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
