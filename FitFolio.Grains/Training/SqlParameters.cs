using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>Typed parameters for the training stores: nulls need a type so PostgreSQL can plan <c>@x is null</c>.</summary>
internal static class SqlParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.AddWithValue(name, type, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, Guid value) => command.With(name, NpgsqlDbType.Uuid, value);

    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
