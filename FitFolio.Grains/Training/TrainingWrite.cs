using Npgsql;

namespace FitFolio.Grains.Training;

/// <summary>
/// A transaction for a store write that needs none of its own (one statement), opened so that the keyed answer
/// (<see cref="TrainingIdempotency"/>) commits with the change: the claim first, the commands, then the answer and the
/// commit together. Disposed without <see cref="CommitAsync"/>, it rolls back: a refusal leaves nothing behind.
/// </summary>
internal sealed class TrainingWrite : IAsyncDisposable
{
    private TrainingWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<TrainingWrite> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new TrainingWrite(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>First thing: null to go ahead, or the 409 to answer while another run holds the call's key.</summary>
    public Task<TrainingError?> ClaimAsync(CancellationToken cancellationToken) => TrainingIdempotency.ClaimAsync(Connection, Transaction, cancellationToken);

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    public Task<TrainingOutcome<T>> CommitAsync<T>(TrainingOutcome<T> outcome, CancellationToken cancellationToken) =>
        TrainingIdempotency.CommitAsync(Connection, Transaction, outcome, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
