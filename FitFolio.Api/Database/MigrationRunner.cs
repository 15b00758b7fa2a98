using Npgsql;

namespace FitFolio.Api.Database;

/// <summary>
/// Applies <c>sql/NNN_name.sql</c> in order, each in its own transaction, under a session-level
/// advisory lock so that any number of silos starting together apply each file exactly once.
/// An applied file whose text has changed stops start-up: the schema would no longer match the code.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: every FitFolio process agrees on it, nothing else in the database uses it.
    private const long AdvisoryLockKey = 0x46_69_74_46_6f_6c_69_6f;

    public async Task<int> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var create = new NpgsqlCommand(
                """
                create table if not exists schema_migrations (
                  number     int         primary key,
                  name       text        not null,
                  checksum   text        not null,
                  applied_at timestamptz not null default now()
                )
                """, connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            var applied = new Dictionary<int, (string Name, string Checksum)>();
            await using (var read = new NpgsqlCommand("select number, name, checksum from schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
                }
            }

            var count = 0;
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Number, out var existing))
                {
                    if (existing.Checksum != migration.Checksum)
                    {
                        throw new MigrationChecksumException(migration, existing.Checksum);
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "insert into schema_migrations (number, name, checksum) values (@number, @name, @checksum)", connection, transaction))
                {
                    record.Parameters.AddWithValue("number", migration.Number);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("checksum", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogApplied(migration.Number, migration.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied migration {Number:000}_{Name}")]
    private partial void LogApplied(int number, string name);
}
