using FitFolio.Api.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Bench.Infrastructure;

/// <summary>A fresh, migrated database for one bench run, dropped at the end so runs never see each other's rows.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private BenchDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string adminConnectionString)
    {
        var database = new BenchDatabase(adminConnectionString, "ff_bench_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteAdminAsync($"create database {database.Name}");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"drop database if exists {Name} with (force)");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
