using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Idempotency;

/// <summary>
/// The one place keyed writes meet PostgreSQL. A store that commits a write calls <see cref="ClaimAsync"/> first thing in
/// its transaction and <see cref="RecordAsync"/> just before it commits; both do nothing when the call carries no key
/// (<see cref="IdempotencyRequest.Current"/>). The claim takes a transaction-scoped advisory lock on (caller, key), so
/// two runs of one key can never both write, on one silo or two, and the lock ends with the transaction whether it
/// commits, rolls back or its connection dies. The answer stored is the status, the body and the headers a retry gets
/// (<see cref="AnswerHeaderRecipe"/>), all written in the write's transaction. The front door reads a stored answer
/// (<see cref="FindAsync"/>) and sees a run in progress by that lock (<see cref="IsRunningAsync"/>) before it calls anything.
/// </summary>
public static class IdempotencyStore
{
    /// <summary>The advisory-lock class of idempotency keys (the two-key form), apart from the migration runner's lock.</summary>
    private const int LockClass = 0x1de0;

    /// <summary>The class a request spanning several transactions holds its key by for its whole run (<see cref="IdempotencySpan"/>).</summary>
    internal const int SpanLockClass = 0x1de1;

    internal const string LockKey = "hashtext(@caller || ' ' || @key)";

    /// <summary>
    /// In a write transaction, before the write: false when another run of this key holds it, or finished between the
    /// front door's look and now (the caller answers 409, and the client's next retry gets the stored answer).
    /// </summary>
    public static async Task<bool> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        if (IdempotencyRequest.Current is not { } request)
        {
            return true;
        }

        await using var claim = new NpgsqlCommand(
            $"""
            select pg_try_advisory_xact_lock(@class, {LockKey})
                   and not exists (select 1 from idempotency_keys where caller = @caller and key = @key)
            """,
            connection,
            transaction);
        Bind(claim, request);
        return await claim.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// In the write transaction, just before it commits: stores the answer the write is about to give, with the headers
    /// the request's route says it carries (<see cref="AnswerHeaderRecipe"/>), all in that transaction.
    /// </summary>
    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int status, string? body, CancellationToken cancellationToken = default)
    {
        if (IdempotencyRequest.Current is not { } request)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(
            """
            insert into idempotency_keys (caller, key, user_id, request_hash, status, body, headers)
            values (@caller, @key, @user, @hash, @status, @body, @headers)
            """,
            connection,
            transaction);
        Bind(insert, request);
        insert.Parameters.AddWithValue("user", request.UserId);
        insert.Parameters.AddWithValue("hash", request.RequestHash);
        insert.Parameters.AddWithValue("status", NpgsqlDbType.Smallint, (short)status);
        insert.Parameters.AddWithValue("body", NpgsqlDbType.Text, body ?? (object)DBNull.Value);
        var headers = request.Headers?.For(status, body);
        insert.Parameters.AddWithValue("headers", NpgsqlDbType.Jsonb, headers is null ? DBNull.Value : (object)JsonSerializer.Serialize(headers));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored answer of a caller's key, if a write with it committed.</summary>
    public static async Task<StoredAnswer?> FindAsync(NpgsqlDataSource dataSource, string caller, string key, CancellationToken cancellationToken)
    {
        await using var find = dataSource.CreateCommand(
            "select request_hash, status, body, headers from idempotency_keys where caller = @caller and key = @key");
        find.Parameters.AddWithValue("caller", caller);
        find.Parameters.AddWithValue("key", key);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredAnswer(
                reader.GetString(0),
                reader.GetInt16(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)))
            : null;
    }

    /// <summary>
    /// Whether a write with this key is running now: some transaction holds its lock, or a request spanning several
    /// transactions holds its span (<see cref="IdempotencySpan"/>). Read from pg_locks rather than by trying the lock,
    /// which for that instant would make the running write itself see its key taken.
    /// </summary>
    public static async Task<bool> IsRunningAsync(NpgsqlDataSource dataSource, string caller, string key, CancellationToken cancellationToken)
    {
        await using var look = dataSource.CreateCommand(
            $"""
            select exists (select 1 from pg_locks
                           where locktype = 'advisory' and granted and objsubid = 2
                             and classid in (@class::oid, @span::oid) and objid = ({LockKey})::oid)
            """);
        look.Parameters.AddWithValue("class", LockClass);
        look.Parameters.AddWithValue("span", SpanLockClass);
        look.Parameters.AddWithValue("caller", caller);
        look.Parameters.AddWithValue("key", key);
        return await look.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static void Bind(NpgsqlCommand command, IdempotencyRequest request)
    {
        command.Parameters.AddWithValue("class", LockClass);
        command.Parameters.AddWithValue("caller", request.Caller);
        command.Parameters.AddWithValue("key", request.Key);
    }
}
