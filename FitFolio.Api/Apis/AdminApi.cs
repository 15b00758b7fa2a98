using FitFolio.Grains.Common.Paging;
using System.Globalization;
using System.Net;
using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.Admin;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Api.Apis;

/// <summary>Admin routes: find users, see and end their sessions, lock and unlock, read the audit log.</summary>
public static class AdminApi
{
    private const int MaxLockMinutes = 30 * 24 * 60;

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAdmin()
            .ProducesProblemBodyForGroup();

        admin.MapGet("/users", SearchUsersAsync).WithName("AdminSearchUsers")
            .WithSummary("Search users")
            .WithDescription("Users whose address contains the query, newest first, 50 a page (keyset cursor).")
            .Produces<Page<AdminUserSummary>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        admin.MapGet("/users/{id}", UserDetailAsync).WithName("AdminGetUser")
            .WithSummary("Get a user")
            .WithDescription("One user with their live sessions and passkeys.")
            .Produces<AdminUserDetail>()
            .ProducesProblemBody(StatusCodes.Status404NotFound);
        admin.MapPost("/users/{id}/revoke-sessions", RevokeSessionsAsync)
            .WithIdempotencyKeys().WithName("AdminRevokeSessions")
            .WithSummary("Sign a user out everywhere")
            .WithDescription(
                "Ends every session of the user and, with revokeApiKeys, every API key (each audited as revoked_by_admin); "
                + "refused by every silo once this returns. A retry with the Idempotency-Key of a run that stopped before answering "
                + "ends what is still live and counts that.")
            .Produces<AdminRevokedResponse>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        admin.MapPost("/users/{id}/lock", LockAsync)
            .WithIdempotencyKeys().WithName("AdminLockUser")
            .WithSummary("Lock a user")
            .WithDescription("Blocks every sign-in for the given minutes (default 60) and ends every session.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        admin.MapPost("/users/{id}/unlock", UnlockAsync)
            .WithIdempotencyKeys().WithName("AdminUnlockUser")
            .WithSummary("Unlock a user")
            .WithDescription("Lifts an admin lock and any failure lockout.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status404NotFound);
        admin.MapGet("/audit/event-types", () => TypedResults.Ok(new ItemsResponse<string>([.. AuditEventType.All.Order(StringComparer.Ordinal)])))
            .WithName("AdminAuditEventTypes")
            .WithSummary("List audit event types")
            .WithDescription("Every event type the audit log records, for the type filter.");
        admin.MapGet("/audit/events", AuditEventsAsync).WithName("AdminAuditEvents")
            .WithSummary("List audit events")
            .WithDescription("Security events, newest first, filtered by user, type, IP and time range; keyset paging.")
            .Produces<Page<AuditEventRow>>()
            .ProducesProblemBody(StatusCodes.Status400BadRequest);
        return admin;
    }

    private static async Task<IResult> SearchUsersAsync(HttpContext context, AdminQueries queries, string? query, string? cursor)
    {
        KeysetCursor? after = null;
        if (cursor is not null)
        {
            if (!KeysetCursor.TryDecode(cursor, out var decoded))
            {
                return Errors.BadRequest(context, "invalid_cursor", "The cursor is not one this API gave out.");
            }

            after = decoded;
        }

        if (query is { Length: > 254 })
        {
            return Errors.BadRequest(context, "invalid_query", "The query is longer than any address.");
        }

        return TypedResults.Ok(await queries.SearchUsersAsync(query, after, 50, context.RequestAborted));
    }

    private static async Task<IResult> UserDetailAsync(
        string id, HttpContext context, IGrainFactory grains, AdminQueries queries, AuditLog audit, ExternalIdentityStore externalIdentities)
    {
        if (await FindAsync(id, context, queries) is not { } user)
        {
            return UnknownUser(context, id);
        }

        // Looking at someone's sessions and devices is an admin action like any other: it leaves a trace.
        await audit.WriteAsync(new AuditEvent(
            AuditEventType.AdminViewedUser, user, RequestOrigins.Of(context), new Dictionary<string, object?> { ["by_admin"] = context.Session().UserId }));

        var grain = grains.GetGrain<IUserGrain>(user.ToString("N"));
        return TypedResults.Ok(new AdminUserDetail(
            AdminUserView.Of(await grain.GetProfile(), await grain.GetAdminLock()),
            await grain.ListSessionsForAdmin(),
            await grain.ListPasskeys(),
            await externalIdentities.ListAsync(user, context.RequestAborted)));
    }

    /// <summary>
    /// Keyed, the API keys go first, each revoked by its own grain (idempotent: a key already revoked counts nothing);
    /// then the user grain ends the sessions and stores the answer in that one transaction. The key is held for the
    /// whole run (<see cref="IdempotencySpan"/>), so a retry meanwhile gets 409, and a run that died before the user
    /// grain's commit stored nothing: its retry runs again and ends whatever is still live.
    /// </summary>
    private static async Task<IResult> RevokeSessionsAsync(
        string id,
        AdminRevokeSessionsRequest? request,
        HttpContext context,
        IGrainFactory grains,
        AdminQueries queries,
        ApiKeyStore apiKeys,
        NpgsqlDataSource dataSource)
    {
        if (await FindAsync(id, context, queries) is not { } user)
        {
            return UnknownUser(context, id);
        }

        await using var span = await IdempotencySpan.BeginAsync(dataSource, context.RequestAborted);
        if (span is null)
        {
            return IdempotencyKeyFilter.InFlight(context);
        }

        var admin = context.Session().UserId;
        var origin = RequestOrigins.Of(context);
        var keysRevoked = 0;
        if (request?.RevokeApiKeys == true)
        {
            // The key answers the whole request, whose answer the user grain stores: a key's own revocation must not
            // claim it. Each key's grain revokes it, so once this returns no silo accepts any of them.
            using var suspended = IdempotencyRequest.Suspend();
            foreach (var publicId in await apiKeys.ListPublicIdsAsync(user, unrevokedOnly: true, context.RequestAborted))
            {
                keysRevoked += await grains.GetGrain<IApiKeyGrain>(publicId).RevokeByAdmin(user, admin, origin) ? 1 : 0;
            }
        }

        var revoked = await grains.GetGrain<IUserGrain>(user.ToString("N")).RevokeAllSessions(admin, keysRevoked, origin);
        return TypedResults.Ok(new AdminRevokedResponse(revoked, keysRevoked));
    }

    private static async Task<IResult> LockAsync(
        string id, AdminLockRequest? request, HttpContext context, IGrainFactory grains, AdminQueries queries, TimeProvider clock)
    {
        var minutes = request?.Minutes ?? 60;
        if (minutes is < 1 or > MaxLockMinutes)
        {
            return Errors.BadRequest(context, "invalid_minutes", $"Lock for 1 to {MaxLockMinutes} minutes.");
        }

        if (await FindAsync(id, context, queries) is not { } user)
        {
            return UnknownUser(context, id);
        }

        await grains.GetGrain<IUserGrain>(user.ToString("N")).Lock(clock.GetUtcNow().AddMinutes(minutes), context.Session().UserId, RequestOrigins.Of(context));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnlockAsync(string id, HttpContext context, IGrainFactory grains, AdminQueries queries)
    {
        if (await FindAsync(id, context, queries) is not { } user)
        {
            return UnknownUser(context, id);
        }

        await grains.GetGrain<IUserGrain>(user.ToString("N")).Unlock(context.Session().UserId, RequestOrigins.Of(context));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AuditEventsAsync(
        HttpContext context, AdminQueries queries, string? userId, string? type, string? ip, string? from, string? to, string? cursor, int? limit)
    {
        Guid? user = null;
        if (!string.IsNullOrEmpty(userId))
        {
            if (!Guid.TryParse(userId, out var parsed))
            {
                return Errors.BadRequest(context, "invalid_filter", "userId must be a UUID.");
            }

            user = parsed;
        }

        if (!string.IsNullOrEmpty(type) && !AuditEventType.All.Contains(type))
        {
            return Errors.BadRequest(context, "invalid_filter", "type is not a known event type.");
        }

        IPAddress? address = null;
        if (!string.IsNullOrEmpty(ip) && !IPAddress.TryParse(ip, out address))
        {
            return Errors.BadRequest(context, "invalid_filter", "ip must be an IPv4 or IPv6 address.");
        }

        if (!TryTime(from, out var fromTime) || !TryTime(to, out var toTime))
        {
            return Errors.BadRequest(context, "invalid_filter", "from and to must be ISO 8601 times with an offset, e.g. 2026-11-23T10:00:00Z.");
        }

        if (fromTime is not null && toTime is not null && fromTime > toTime)
        {
            return Errors.BadRequest(context, "invalid_filter", "from must not be after to.");
        }

        if (limit is < 1 or > 200)
        {
            return Errors.BadRequest(context, "invalid_limit", "limit is 1 to 200.");
        }

        KeysetCursor? after = null;
        if (cursor is not null)
        {
            if (!KeysetCursor.TryDecode(cursor, out var decoded) || !long.TryParse(decoded.Id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return Errors.BadRequest(context, "invalid_cursor", "The cursor is not one this API gave out.");
            }

            after = decoded;
        }

        var filter = new AuditFilter(user, string.IsNullOrEmpty(type) ? null : type, address, fromTime, toTime);
        return TypedResults.Ok(await queries.AuditEventsAsync(filter, after, limit ?? 50, context.RequestAborted));
    }

    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static async Task<Guid?> FindAsync(string id, HttpContext context, AdminQueries queries) =>
        Guid.TryParse(id, out var user) && await queries.UserExistsAsync(user, context.RequestAborted) ? user : null;

    private static IResult UnknownUser(HttpContext context, string id) =>
        Guid.TryParse(id, out _)
            ? Errors.NotFound(context, "No user has that id.")
            : Errors.BadRequest(context, "invalid_id", "A user id is a UUID.");

    private static RouteGroupBuilder ProducesProblemBodyForGroup(this RouteGroupBuilder group) =>
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiErrorBody), ["application/json"]));
}
