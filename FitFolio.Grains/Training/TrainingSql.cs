using Npgsql;

namespace FitFolio.Grains.Training;

/// <summary>Queries several training stores share.</summary>
internal static class TrainingSql
{
    /// <summary>Which of these exercise ids this person may use (built-in or their own), with each one's kind.</summary>
    public static async Task<Dictionary<Guid, string>> KnownExercisesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid[] ids, CancellationToken cancellationToken)
    {
        var known = new Dictionary<Guid, string>();
        if (ids.Length == 0)
        {
            return known;
        }

        await using var command = new NpgsqlCommand(
            "select id, kind from exercises where id = any(@ids) and (user_id is null or user_id = @user)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known[reader.GetGuid(0)] = reader.GetString(1);
        }

        return known;
    }
}
