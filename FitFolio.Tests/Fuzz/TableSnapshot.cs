using Npgsql;

namespace FitFolio.Tests.Fuzz;

/// <summary>
/// Row count and a checksum of every table's rows, so the fuzz can prove a refused request changed nothing. What a refused
/// request may change is listed here with its reason: whole tables, and columns left out of a table's checksum.
/// </summary>
internal static class TableSnapshot
{
    /// <summary>Tables a refused request, or a read beside it, may write: the audit log, lockout counters, the maintenance timer, derived records.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["login_events"] = "the audit log: refusals are audited",
        ["email_code_lockouts"] = "lockout counters of wrong email codes",
        ["recovery_code_lockouts"] = "lockout counters of wrong recovery codes",
        ["maintenance_runs"] = "the maintenance timer, not a request's doing",
        ["orleansquery"] = "Orleans' static queries",
        // Rounds judged here may hold successful reads; the first read of records builds a person's books once (migration 016).
        ["record_books"] = "records a read may build once from the sets: what a replay gives, nothing a request says",
        ["record_books_ready"] = "when a person's record books were built by that first read",
    };

    /// <summary>Columns a refused request (or the background work beside it) may change; the rest of the row is checksummed.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedColumns = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["users"] = ["code_failures", "code_locked_until", "code_lockouts", "passkey_failures", "passkey_locked_until", "passkey_lockouts", "version"],
        ["sessions"] = ["last_seen_at", "rotated_at", "secret_hash"],
        ["api_keys"] = ["last_used_at", "last_used_ip", "use_audited_at"],
        ["magic_links"] = ["code_attempts"],
        ["mail_outbox"] =
        [
            "attempts", "next_attempt_at", "last_attempt_at", "locked_until", "locked_by", "sent_at", "failed_at", "last_error", "text_body", "html_body",
        ],
        ["orleans_grain_state"] = ["modified_at"],
    };

    /// <summary>Rows left out of a table's checksum: the rate-limit windows are counters (preferences, in the same table, are checked).</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedRows = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["orleans_grain_state"] = "state_name <> 'ratelimit-window'",
    };

    /// <summary>One query that answers every checked table's count and checksum.</summary>
    public static async Task<string> QueryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "select table_name, string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'public' group by table_name order by table_name");
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (AllowedTables.ContainsKey(table))
            {
                continue;
            }

            var columns = reader.GetString(1).Split(',').Except(AllowedColumns.GetValueOrDefault(table, [])).Select(c => $"t.\"{c}\"");
            var checksum = $"coalesce(sum(hashtextextended(row({string.Join(',', columns)})::text, 0)), 0)";
            parts.Add($"select '{table}' as t, count(*) as n, {checksum} as h from \"{table}\" t"
                + (AllowedRows.TryGetValue(table, out var rows) ? " where " + rows : ""));
        }

        return string.Join(" union all ", parts);
    }

    public static async Task<Dictionary<string, string>> TakeAsync(NpgsqlDataSource dataSource, string query)
    {
        await using var command = dataSource.CreateCommand(query);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            tables[reader.GetString(0)] = $"{reader.GetInt64(1)} rows, sum {reader.GetValue(2)}";
        }

        return tables;
    }

    /// <summary>The tables whose count or checksum differ, as "table: before -> after".</summary>
    public static List<string> Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
        [.. after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} -> {t.Value}")];
}
