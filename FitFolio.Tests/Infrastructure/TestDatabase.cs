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

    /// <summary>One value from SQL; values go in as named parameters (<c>@email</c>), never spliced into the text.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>A <c>count(*)</c>, as <see cref="ScalarAsync{T}"/>.</summary>
    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => ScalarAsync<long>(sql, parameters);

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
