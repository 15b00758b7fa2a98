using Npgsql;

namespace FitFolio.Silo.Membership;

/// <summary>
/// The membership table in PostgreSQL (see sql/001_cluster.sql). Every status change bumps the
/// table version and the row version in one transaction, each guarded by the version read, so two
/// silos that both decide to declare a third dead cannot both succeed on stale reads. Staleness is
/// judged by the database clock, so silo clocks never need to agree.
/// </summary>
internal sealed class MembershipTable(NpgsqlDataSource dataSource)
{
    public const string Channel = "fitfolio_membership";

    public async Task JoinAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var version = await ReadTableVersionAsync(connection, transaction, cancellationToken);
            await using (var insert = new NpgsqlCommand(
                "insert into cluster_silos (silo_id, address, status) values (@id, @address, 'active')", connection, transaction))
            {
                insert.Parameters.AddWithValue("id", silo.Id);
                insert.Parameters.AddWithValue("address", silo.Endpoint.ToString());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (await BumpTableVersionAsync(connection, transaction, version, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            await transaction.RollbackAsync(cancellationToken);
        }
    }

    /// <summary>Records a heartbeat (synchronously: it runs on its own thread). False when this silo was declared dead.</summary>
    public bool Heartbeat(SiloAddress silo)
    {
        using var command = dataSource.CreateCommand("update cluster_silos set heartbeat_at = now() where silo_id = @id and status <> 'dead'");
        command.Parameters.AddWithValue("id", silo.Id);
        command.CommandTimeout = 5;
        return command.ExecuteNonQuery() == 1;
    }

    public async Task<(long Version, List<SiloEntry> Silos)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            select (select version from cluster_version where id = 1),
                   silo_id, address, status, version, now() - heartbeat_at
            from cluster_silos
            where status <> 'dead'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long tableVersion = 0;
        var silos = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tableVersion = reader.GetInt64(0);
            silos.Add(new SiloEntry(
                SiloAddress.Parse(reader.GetString(1), reader.GetString(2)),
                ParseStatus(reader.GetString(3)),
                reader.GetInt64(4),
                reader.GetTimeSpan(5)));
        }

        if (silos.Count == 0)
        {
            await reader.CloseAsync();
            tableVersion = await ReadTableVersionAsync(connection, null, cancellationToken);
        }

        return (tableVersion, silos);
    }

    /// <summary>Moves a silo to <paramref name="status"/> if neither the table nor its row changed since read.</summary>
    public async Task<bool> TryUpdateStatusAsync(SiloAddress silo, SiloStatus status, long tableVersion, long rowVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            "update cluster_silos set status = @status, version = version + 1 where silo_id = @id and version = @version", connection, transaction);
        update.Parameters.AddWithValue("status", FormatStatus(status));
        update.Parameters.AddWithValue("id", silo.Id);
        update.Parameters.AddWithValue("version", rowVersion);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1 || !await BumpTableVersionAsync(connection, transaction, tableVersion, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Forgets incarnations that have been dead for a day; they can never return.</summary>
    public async Task PurgeDeadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from cluster_silos where status = 'dead' and heartbeat_at < now() - interval '1 day'");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ReadTableVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("select version from cluster_version where id = 1", connection, transaction);
        return (long)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> BumpTableVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long expected, CancellationToken cancellationToken)
    {
        await using var bump = new NpgsqlCommand(
            $"update cluster_version set version = version + 1 where id = 1 and version = @expected; notify {Channel}", connection, transaction);
        bump.Parameters.AddWithValue("expected", expected);
        return await bump.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static SiloStatus ParseStatus(string status) => status switch
    {
        "active" => SiloStatus.Active,
        "shutting_down" => SiloStatus.ShuttingDown,
        _ => SiloStatus.Dead,
    };

    private static string FormatStatus(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shutting_down",
        _ => "dead",
    };
}
