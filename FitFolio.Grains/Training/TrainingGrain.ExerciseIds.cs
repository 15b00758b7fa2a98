using FitFolio.Grains.Common;
using System.Text.Json;
using Npgsql;

namespace FitFolio.Grains.Training;

internal sealed partial class TrainingGrain
{
    private static TrainingError ExerciseConflict() => TrainingError.Conflict(
        "exercise_conflict", "A different exercise was already added with this id; generate a new id for a new exercise.");

    /// <summary>Any person's row with this id: a client id clashing with someone else's is refused, never overwritten.</summary>
    private static async Task<StoredAdd?> StoredAddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id)
    {
        await using var command = new NpgsqlCommand("select user_id, workout_id, add_request from workout_exercises where id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new StoredAdd(reader.GetGuid(0), reader.GetGuid(1), reader.NullableString(2));
    }

    /// <summary>An add request as sent (notes normalized): what a retry with the same id must repeat.</summary>
    private sealed record AddRequest(Guid? ExerciseId, int? Position, int? SupersetGroup, string? Notes)
    {
        public static AddRequest Of(AddExerciseCommand command) =>
            new(command.ExerciseId, command.Position, command.SupersetGroup, TextRules.NormalizeNotes(command.Notes));

        public string ToText() => JsonSerializer.Serialize(this);
    }

    /// <summary>A stored exercise's owner, workout and add request (null when the server made its id).</summary>
    private sealed record StoredAdd(Guid UserId, Guid WorkoutId, string? Request);
}
