using System.Text.Json;
using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Audit;

/// <summary>
/// Appends to <c>login_events</c>. Events that record a state change are written in the same
/// transaction as the change, so the log can never claim something that did not happen, or miss
/// something that did.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    private const string Insert =
        "insert into login_events (user_id, event_type, ip, user_agent, request_id, details) values (@user, @type, @ip, @agent, @request, @details)";

    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Insert);
        Bind(command.Parameters, auditEvent);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(Insert, connection, transaction);
        Bind(command.Parameters, auditEvent);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The event as one command of a batch, for a write that is a single round trip.</summary>
    public static NpgsqlBatchCommand BatchCommand(AuditEvent auditEvent)
    {
        var command = new NpgsqlBatchCommand(Insert);
        Bind(command.Parameters, auditEvent);
        return command;
    }

    /// <summary>
    /// Appends an event that stands for a run of repeats (a flood of refused requests) and returns
    /// its id, so that <see cref="UpdateCountAsync"/> can complete the count when the run ends.
    /// </summary>
    public async Task<long> WriteSummaryAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Insert + " returning id");
        Bind(command.Parameters, auditEvent);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The one change the log allows to a row: raising a summary's count of repeats. It only adds
    /// what happened after the row was written; nothing the row already said is altered.
    /// </summary>
    public async Task UpdateCountAsync(long id, string key, long count, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "update login_events set details = details || jsonb_build_object(@key::text, @count) where id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlParameterCollection parameters, AuditEvent auditEvent)
    {
        parameters.AddWithValue("user", NpgsqlDbType.Uuid, (object?)auditEvent.UserId ?? DBNull.Value);
        parameters.AddWithValue("type", auditEvent.Type);
        parameters.AddInet("ip", auditEvent.Origin.Ip);
        parameters.AddWithValue("agent", NpgsqlDbType.Text, (object?)Truncate(auditEvent.Origin.UserAgent, 512) ?? DBNull.Value);
        // Checked here too, so no path into the log can store a request id that was not validated.
        parameters.AddWithValue(
            "request", NpgsqlDbType.Text, RequestIds.IsWellFormed(auditEvent.Origin.RequestId) ? auditEvent.Origin.RequestId! : DBNull.Value);
        parameters.AddWithValue("details", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(auditEvent.Details ?? new Dictionary<string, object?>()));
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
