using Npgsql;

namespace FitFolio.Grains.Common;

/// <summary>Reads a column that may be SQL null as a C# null, so a row maps onto a record in one expression.</summary>
internal static class NullableColumns
{
    public static T? Nullable<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
