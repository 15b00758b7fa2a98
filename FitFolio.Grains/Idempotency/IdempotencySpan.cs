using Npgsql;

namespace FitFolio.Grains.Idempotency;

/// <summary>
/// A keyed request that commits in several transactions (the admin's sign-out everywhere: each API key's grain, then
/// the user grain, whose transaction stores the answer) holds its key for its whole run, so a retry arriving meanwhile
/// gets 409 (<see cref="IdempotencyStore.IsRunningAsync"/>) instead of starting a second run. A transaction-scoped
/// advisory lock of its own class, apart from the write's, which the write still claims in its own transaction: the
/// span ends with this object or with its connection, whatever kills the run.
/// </summary>
public sealed class IdempotencySpan : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;

    private IdempotencySpan(NpgsqlConnection? connection, NpgsqlTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// Holds the key of the call's keyed request (<see cref="IdempotencyRequest.Current"/>; without one, holds nothing):
    /// null when another run holds it.
    /// </summary>
    public static async Task<IdempotencySpan?> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (IdempotencyRequest.Current is not { } request)
        {
            return new IdempotencySpan(null, null);
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var hold = new NpgsqlCommand($"select pg_try_advisory_xact_lock(@class, {IdempotencyStore.LockKey})", connection, transaction);
            hold.Parameters.AddWithValue("class", IdempotencyStore.SpanLockClass);
            hold.Parameters.AddWithValue("caller", request.Caller);
            hold.Parameters.AddWithValue("key", request.Key);
            if (await hold.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new IdempotencySpan(connection, transaction);
            }

            await transaction.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            // Nothing was written in it: rolling back only lets the lock go.
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
