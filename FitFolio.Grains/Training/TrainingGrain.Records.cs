using Npgsql;

namespace FitFolio.Grains.Training;

internal sealed partial class TrainingGrain
{
    public async Task<int> RebuildRecords()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await RecordKeeper.RemarkAsync(connection, transaction, UserId, null, default);
        await using var count = new NpgsqlCommand("select count(*)::int from record_books where user_id = @user", connection, transaction);
        count.Parameters.AddWithValue("user", UserId);
        var books = (int)(await count.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return books;
    }
}
