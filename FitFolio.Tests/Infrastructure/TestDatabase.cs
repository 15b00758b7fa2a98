using FitFolio.Api.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test class (use as <c>IClassFixture&lt;TestDatabase&gt;</c>),
/// dropped afterwards. Classes run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestDatabase(PostgresServer server) : IAsyncLifetime
{
    public string Name { get; } = "ff_test_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = Name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded);
    }

    /// <summary>A new, empty, unmigrated database (for migration tests); dropped with this fixture's server.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "ff_empty_" + Guid.NewGuid().ToString("N")[..16];
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
