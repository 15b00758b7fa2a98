using System.Diagnostics;
using System.Globalization;
using FitFolio.Api.Database;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FitFolio.Tests.Database;

/// <summary>
/// A database that release 1 (git tag <c>release-1</c>) left behind, with data in every table a person fills, migrates
/// to today's schema: the result is the schema a fresh database gets (compared as <c>pg_dump --schema-only</c>), the
/// reference data the migrations seed is the same, and every row the release held is still there with every value.
/// </summary>
public sealed class UpgradeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Database", "Upgrade");

    [Fact]
    public void Release_1s_migrations_are_embedded_unchanged()
    {
        var release = ReleaseOneMigrations();

        Assert.Equal(14, release.Count);
        Assert.Equal(release, MigrationSource.Embedded.Take(release.Count).Select(m => (m.Number, m.Name, m.Checksum)).ToList());
    }

    [Fact]
    public async Task A_release_1_database_upgrades_to_the_schema_of_a_fresh_one_and_keeps_every_row()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var release = ReleaseOneMigrations().Select(m => m.Number).ToHashSet();
        var upgradedConnection = await database.CreateEmptyDatabaseAsync();
        var freshConnection = await database.CreateEmptyDatabaseAsync();
        await using var upgraded = NpgsqlDataSource.Create(upgradedConnection);
        await using var fresh = NpgsqlDataSource.Create(freshConnection);

        await Runner(upgraded).ApplyAsync(MigrationSource.Embedded.Where(m => release.Contains(m.Number)).ToList(), cancellationToken);
        await ExecuteAsync(upgraded, await File.ReadAllTextAsync(Path.Combine(Fixtures, "release-1-data.sql"), cancellationToken));
        var before = await RowsByTableAsync(upgraded);
        Assert.True(before.Count >= 20, $"the release-1 fixture filled {before.Count} tables");

        await Runner(upgraded).ApplyAsync(MigrationSource.Embedded, cancellationToken);
        await Runner(fresh).ApplyAsync(MigrationSource.Embedded, cancellationToken);

        Assert.Equal(await SchemaAsync(freshConnection), await SchemaAsync(upgradedConnection));
        Assert.Equal(await ReferenceDataAsync(fresh), await ReferenceDataAsync(upgraded));
        foreach (var (table, rows) in before)
        {
            // Each row as it was, as a JSON object, must be contained in some row of the table now: a later migration may add
            // columns, but may not lose a row or change a value.
            await using var command = upgraded.CreateCommand(
                $"select count(*) from jsonb_array_elements(@rows) old where not exists (select 1 from {table} t where to_jsonb(t) @> old)");
            command.Parameters.AddWithValue("rows", NpgsqlTypes.NpgsqlDbType.Jsonb, rows);
            Assert.True((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0, $"{table} lost or changed rows of release 1");
        }
    }

    private static List<(int Number, string Name, string Checksum)> ReleaseOneMigrations() =>
        File.ReadLines(Path.Combine(Fixtures, "release-1-migrations.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' '))
            .Select(parts => (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2]))
            .ToList();

    private static MigrationRunner Runner(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<MigrationRunner>.Instance);

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Every non-empty table's rows as one JSON array (schema_migrations aside: the upgrade adds to it by design).</summary>
    private static async Task<Dictionary<string, string>> RowsByTableAsync(NpgsqlDataSource dataSource)
    {
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand(
            "select tablename from pg_tables where schemaname = 'public' and tablename <> 'schema_migrations' order by tablename"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = dataSource.CreateCommand($"select jsonb_agg(to_jsonb(t))::text from {table} t");
            if (await select.ExecuteScalarAsync() is string json)
            {
                rows[table] = json;
            }
        }

        return rows;
    }

    /// <summary>What the migrations themselves insert: the exercise catalog (less when it was inserted) and the grain-storage queries.</summary>
    private static async Task<string> ReferenceDataAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            """
            select jsonb_build_object(
              'catalog', (select jsonb_agg(to_jsonb(e) - 'created_at' order by e.id) from exercises e where e.user_id is null),
              'queries', (select jsonb_agg(to_jsonb(q) order by q.querykey) from orleansquery q))::text
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// <c>pg_dump --schema-only</c> of a database, less what differs between two dumps of the same schema: comments and
    /// the random key of the <c>\restrict</c> lines newer pg_dump versions write.
    /// </summary>
    private static async Task<string> SchemaAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var pgDump = Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).Order().Last();
        var start = new ProcessStartInfo(pgDump)
        {
            ArgumentList =
            {
                "--schema-only", "--no-owner", "--host", builder.Host!, "--port", builder.Port.ToString(CultureInfo.InvariantCulture),
                "--username", builder.Username!, "--dbname", builder.Database!,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        return string.Join('\n', (await output).Split('\n')
            .Where(line => !line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith(@"\restrict", StringComparison.Ordinal)
                && !line.StartsWith(@"\unrestrict", StringComparison.Ordinal) && line.Length > 0));
    }
}
