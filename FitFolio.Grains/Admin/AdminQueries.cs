using FitFolio.Grains.Common.Paging;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Admin;

/// <summary>Admin reads across users: straight SQL with keyset paging, never through grains.</summary>
public sealed class AdminQueries(NpgsqlDataSource dataSource)
{
    public async Task<Page<AdminUserSummary>> SearchUsersAsync(string? query, KeysetCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select u.id, u.email, u.email_verified_at is not null, u.created_at, u.admin_locked_until,
                   (select count(*) from sessions s where s.user_id = u.id and s.revoked_at is null and s.expires_at > now())::int,
                   (select count(*) from passkeys p where p.user_id = u.id)::int
            from users u
            where (@query = '' or u.email like '%' || @pattern || '%' or u.id = @query_id)
              and (@after_at is null or (u.created_at, u.id) < (@after_at, @after_id))
            order by u.created_at desc, u.id desc
            limit @limit
            """);
        command.Parameters.AddWithValue("query", (query ?? "").Trim().ToLowerInvariant());
        // LIKE, not strpos, so the trigram index (sql/020) serves it; its wildcards in the query are literal ('_' is common in addresses).
        command.Parameters.AddWithValue("pattern", (query ?? "").Trim().ToLowerInvariant()
            .Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal));
        // A user id finds that user too, as the admin screen's search box promises.
        command.Parameters.AddWithValue("query_id", NpgsqlDbType.Uuid, Guid.TryParse(query?.Trim(), out var byId) ? byId : DBNull.Value);
        command.Parameters.AddWithValue("after_at", NpgsqlDbType.TimestampTz, after is { } a ? a.At : DBNull.Value);
        command.Parameters.AddWithValue("after_id", NpgsqlDbType.Uuid, after is { } b && Guid.TryParse(b.Id, out var id) ? id : Guid.Empty);
        command.Parameters.AddWithValue("limit", limit + 1);
        var rows = new List<AdminUserSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AdminUserSummary(
                reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetInt32(6)));
        }

        return Paged(rows, limit, r => new KeysetCursor(r.CreatedAt, r.Id.ToString()));
    }

    public async Task<Page<AuditEventRow>> AuditEventsAsync(AuditFilter filter, KeysetCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select e.id, e.occurred_at, e.event_type, e.user_id, u.email, host(e.ip), e.user_agent, e.request_id, e.details::text
            from login_events e left join users u on u.id = e.user_id
            where (@user is null or e.user_id = @user)
              and (@type is null or e.event_type = @type)
              and (@ip is null or e.ip = @ip)
              and (@from is null or e.occurred_at >= @from)
              and (@to is null or e.occurred_at < @to)
              and (@after_at is null or (e.occurred_at, e.id) < (@after_at, @after_id))
            order by e.occurred_at desc, e.id desc
            limit @limit
            """);
        command.Parameters.AddWithValue("user", NpgsqlDbType.Uuid, (object?)filter.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, (object?)filter.Type ?? DBNull.Value);
        command.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, (object?)filter.Ip ?? DBNull.Value);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, (object?)filter.From ?? DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, (object?)filter.To ?? DBNull.Value);
        command.Parameters.AddWithValue("after_at", NpgsqlDbType.TimestampTz, after is { } a ? a.At : DBNull.Value);
        command.Parameters.AddWithValue("after_id", NpgsqlDbType.Bigint, after is { } b && long.TryParse(b.Id, out var id) ? id : 0L);
        command.Parameters.AddWithValue("limit", limit + 1);
        var rows = new List<AuditEventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditEventRow(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), JsonDocument.Parse(reader.GetString(8)).RootElement.Clone()));
        }

        return Paged(rows, limit, r => new KeysetCursor(r.OccurredAt, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task<bool> UserExistsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select 1 from users where id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static Page<T> Paged<T>(List<T> rows, int limit, Func<T, KeysetCursor> position)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new Page<T>(rows, position(rows[^1]).Encode());
    }
}
