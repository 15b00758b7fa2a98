using System.Diagnostics;
using Npgsql;

namespace FitFolio.Seed;

/// <summary>
/// Writes <see cref="SeedOptions.People"/> people into a migrated database: each batch of people is generated in
/// memory, then copied table by table with PostgreSQL's binary COPY in one transaction (a failed batch leaves nothing).
/// </summary>
public static class Seeder
{
    public static async Task<SeedResult> RunAsync(NpgsqlDataSource dataSource, SeedOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.People);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxYears, 0.05);
        var started = Stopwatch.GetTimestamp();
        var generator = new PersonGenerator(await CatalogueAsync(dataSource, cancellationToken), options);
        var people = new List<SeededPerson>(options.People);
        long workouts = 0, sets = 0, audit = 0;
        for (var first = 0; first < options.People; first += options.BatchSize)
        {
            var batch = new SeedBatch();
            for (var index = first; index < Math.Min(options.People, first + options.BatchSize); index++)
            {
                people.Add(generator.Generate(index, batch));
            }

            await CopyAsync(dataSource, batch, cancellationToken);
            workouts += batch.Count(SeedTables.Workouts);
            sets += batch.Count(SeedTables.Sets);
            audit += batch.Count(SeedTables.AuditEvents);
        }

        // Fresh statistics, so the first queries on a seeded database are planned for its real size.
        await using (var analyze = dataSource.CreateCommand("analyze"))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SeedResult(people, workouts, sets, audit, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<List<CatalogueExercise>> CatalogueAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var catalogue = new List<CatalogueExercise>();
        await using var command = dataSource.CreateCommand("select id, slug, kind from exercises where user_id is null order by slug");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            catalogue.Add(new CatalogueExercise(reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return catalogue.Count > 0 ? catalogue : throw new InvalidOperationException("The exercise catalogue is empty: migrate the database first.");
    }

    private static async Task CopyAsync(NpgsqlDataSource dataSource, SeedBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in SeedTables.InOrder)
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.CopyCommand, cancellationToken);
            // A batch's sets (tens of thousands of rows, each checked against four foreign keys) can outlast the 30 s default on a busy machine.
            importer.Timeout = TimeSpan.FromMinutes(10);
            foreach (var row in batch.RowsOf(table))
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await importer.WriteAsync(value, table.Columns[i].Type, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
