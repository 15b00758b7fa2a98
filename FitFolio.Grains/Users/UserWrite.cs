using System.Text.Json;
using FitFolio.Grains.Idempotency;
using Npgsql;
using Orleans.Storage;

namespace FitFolio.Grains.Users;

/// <summary>
/// One write transaction of the user grain. Opening it claims the next version of the users row
/// (the ETag check): if another activation wrote first, it throws
/// Orleans' <see cref="InconsistentStateException"/>, on which Orleans drops the activation, so
/// the next call reloads this grain (a stale duplicate can never overwrite newer state).
/// A keyed write (<see cref="IdempotencyRequest"/>: a route that honours <c>Idempotency-Key</c>) claims its key first
/// thing in the transaction and stores its answer with <see cref="CommitAsync(KeyedAnswer, CancellationToken)"/>, so the change and the
/// answer a retry gets from any silo commit together or not at all.
/// </summary>
internal sealed class UserWrite : IAsyncDisposable
{
    private readonly UserRecord _user;
    private readonly Action? _onAbandoned;
    private bool _committed;

    private UserWrite(UserRecord user, NpgsqlConnection connection, NpgsqlTransaction transaction, Action? onAbandoned)
    {
        _user = user;
        _onAbandoned = onAbandoned;
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>
    /// Opens the transaction and claims the next version; <paramref name="onAbandoned"/> runs if it ends without committing, so the grain reloads rather than
    /// keep changes made in memory for it. <paramref name="keyed"/>: first claims the call's <c>Idempotency-Key</c>, if it has one, and throws
    /// <see cref="IdempotencyKeyInFlightException"/> while another run holds it (nothing was done, so nothing is abandoned).
    /// </summary>
    public static async Task<UserWrite> BeginAsync(
        NpgsqlDataSource dataSource, UserRecord user, Action? onAbandoned = null, bool keyed = false, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (keyed && !await IdempotencyStore.ClaimAsync(connection, transaction, cancellationToken))
            {
                throw new IdempotencyKeyInFlightException();
            }

            await using var claim = new NpgsqlCommand("update users set version = version + 1 where id = @id and version = @version", connection, transaction);
            claim.Parameters.AddWithValue("id", user.Id);
            claim.Parameters.AddWithValue("version", user.Version);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InconsistentStateException($"User {user.Id} changed since version {user.Version} was read.");
            }

            return new UserWrite(user, connection, transaction, onAbandoned);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// Stores the answer the front door sends for this write with the call's key, if it has one (its status, and its value as
    /// the API's JSON), then commits. Never a credential: routes whose answer holds one ignore the key (IdempotencyKeyReasons.Credential).
    /// </summary>
    public async Task CommitAsync(KeyedAnswer answer, CancellationToken cancellationToken = default)
    {
        var body = answer.Body is { } value ? JsonSerializer.Serialize(value, value.GetType(), JsonSerializerOptions.Web) : null;
        await IdempotencyStore.RecordAsync(Connection, Transaction, answer.Status, body, cancellationToken);
        await CommitAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Transaction.CommitAsync(cancellationToken);
        _committed = true;
        _user.Version++;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            _onAbandoned?.Invoke();
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and the transaction with it.
            }
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
