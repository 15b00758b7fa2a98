using Npgsql;

namespace FitFolio.Grains.Training;

/// <summary>
/// What a write expects of the stored version (the caller's If-Match): passed as a nullable long, where null
/// means no If-Match (last write wins, as before versions existed) and <see cref="AnyExisting"/> is
/// <c>If-Match: *</c>. Stored versions start at 1 (sql/018_versions.sql), so neither constant can be one.
/// </summary>
public static class ExpectedVersion
{
    /// <summary><c>If-Match: *</c>: any current version, as long as the resource exists.</summary>
    public const long AnyExisting = 0;

    /// <summary>A weak tag (<c>W/"3"</c>): If-Match compares strongly (RFC 9110 §13.1.1), so it matches no version.</summary>
    public const long Never = -1;

    /// <summary>Whether a write expecting <paramref name="expected"/> may change a row now at <paramref name="current"/>.</summary>
    public static bool Allows(long? expected, long current) => expected is null or AnyExisting || expected == current;

    /// <summary>
    /// The SQL guard for an update or delete of a versioned row, with its value bound as <c>@expected</c>; it repeats
    /// <see cref="Allows"/> in the statement, so a stale write changes nothing even when the row moved after it was read.
    /// </summary>
    public const string Guard = "(@expected::bigint is null or @expected::bigint = 0 or version = @expected::bigint)";

    /// <summary>
    /// A guarded delete of the row <paramref name="where"/> names, answering whether it went and the version stored
    /// before it (the statement's own snapshot), so one round trip tells deleted, stale and not found apart.
    /// </summary>
    internal static string DeleteSql(string table, string where) =>
        $"with deleted as (delete from {table} where {where} and {Guard} returning 1) " +
        $"select exists (select 1 from deleted), (select version from {table} where {where})";

    /// <summary>Runs a <see cref="DeleteSql"/> command: deleted, 412 with the current version, or 404.</summary>
    internal static async Task<TrainingOutcome<bool>> DeleteAsync(NpgsqlCommand command, string what, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(0) ? TrainingOutcome<bool>.Ok(true)
            : reader.IsDBNull(1) ? TrainingError.NotFound(what)
            : TrainingError.Stale(what, reader.GetInt64(1));
    }
}
