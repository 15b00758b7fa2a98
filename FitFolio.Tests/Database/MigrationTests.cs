using FitFolio.Api.Database;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Tests.Database;

public sealed class MigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_are_recorded_with_checksums()
    {
        await using var dataSource = NpgsqlDataSource.Create(await database.CreateEmptyDatabaseAsync());
        var applied = await Runner(dataSource).ApplyAsync(MigrationSource.Embedded, TestContext.Current.CancellationToken);

        Assert.Equal(MigrationSource.Embedded.Count, applied);
        await using var command = dataSource.CreateCommand("select number, checksum from schema_migrations order by number");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        foreach (var migration in MigrationSource.Embedded)
        {
            Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
            Assert.Equal(migration.Number, reader.GetInt32(0));
            Assert.Equal(migration.Checksum, reader.GetString(1));
        }
    }

    [Fact]
    public async Task The_old_runtimes_membership_and_grain_state_tables_are_gone()
    {
        foreach (var table in new[] { "cluster_silos", "cluster_version", "grain_state" })
        {
            await using var command = database.DataSource.CreateCommand($"select to_regclass('public.{table}') is null");
            Assert.True((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, $"{table} still exists");
        }
    }

    [Fact]
    public async Task Applying_again_changes_nothing()
    {
        Assert.Equal(0, await Runner(database.DataSource).ApplyAsync(MigrationSource.Embedded, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ten_silos_starting_together_apply_each_file_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await database.CreateEmptyDatabaseAsync());
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Runner(dataSource).ApplyAsync(MigrationSource.Embedded)));

        Assert.Equal(MigrationSource.Embedded.Count, results.Sum());
        await using var count = dataSource.CreateCommand("select count(*) from schema_migrations");
        Assert.Equal((long)MigrationSource.Embedded.Count, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_edited_applied_migration_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await database.CreateEmptyDatabaseAsync());
        await Runner(dataSource).ApplyAsync(MigrationSource.Embedded, TestContext.Current.CancellationToken);
        var first = MigrationSource.Embedded[0];
        var edited = MigrationSource.Embedded.Select(m => m == first ? m with { Checksum = new string('0', 64), Sql = m.Sql + "\n-- edited" } : m).ToList();

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(dataSource).ApplyAsync(edited, TestContext.Current.CancellationToken));
        Assert.Contains($"{first.Number:000}_{first.Name}.sql was edited", error.Message, StringComparison.Ordinal);
    }

    private static MigrationRunner Runner(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<MigrationRunner>.Instance);
}
