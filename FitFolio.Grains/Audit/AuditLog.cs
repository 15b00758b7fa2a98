using System.Net;
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
        Bind(command, auditEvent);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(Insert, connection, transaction);
        Bind(command, auditEvent);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, AuditEvent auditEvent)
    {
        command.Parameters.AddWithValue("user", NpgsqlDbType.Uuid, (object?)auditEvent.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("type", auditEvent.Type);
        command.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, IPAddress.TryParse(auditEvent.Origin.Ip, out var ip) ? ip : DBNull.Value);
        command.Parameters.AddWithValue("agent", NpgsqlDbType.Text, (object?)Truncate(auditEvent.Origin.UserAgent, 512) ?? DBNull.Value);
        // Checked here too, so no path into the log can store a request id that was not validated.
        command.Parameters.AddWithValue("request", NpgsqlDbType.Text, RequestIds.IsWellFormed(auditEvent.Origin.RequestId) ? auditEvent.Origin.RequestId! : DBNull.Value);
        command.Parameters.AddWithValue("details", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(auditEvent.Details ?? new Dictionary<string, object?>()));
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
