using Npgsql;

namespace FitFolio.Tests.Training;

/// <summary>
/// A transaction holding <c>record_books</c> in EXCLUSIVE mode: every write to the table waits (plain reads do not) until this
/// is disposed, which may happen twice (early, then by <c>await using</c>).
/// </summary>
internal sealed class RecordBooksHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private bool _released;

    public static async Task<RecordBooksHold> TakeAsync(NpgsqlDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("lock table record_books in exclusive mode", connection, transaction);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return new RecordBooksHold(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
