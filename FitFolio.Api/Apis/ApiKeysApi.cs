using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using FitFolio.Grains.ApiKeys;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Apis;

/// <summary>
/// Personal access tokens. Managed only from a signed-in session (never with a key); creating one
/// needs a recent sign-in, because a key outlives the session that made it.
/// </summary>
public static class ApiKeysApi
{
    private const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/account/api-keys").WithTags("API keys").RequireSession();

        keys.MapGet("/", async (HttpContext context, ApiKeyStore store) =>
                TypedResults.Ok(new ItemsResponse<ApiKeyView>(await store.ListAsync(context.Session().UserId, context.RequestAborted))))
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Your API keys that are not revoked, newest first: prefix, scopes, expiry and last use, never the secret.");

        keys.MapPost("/", CreateAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.Credential)
            .RequireRecentSignIn()
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates a key with scopes read and/or write and an optional expiry (1 to 365 days). The secret is in this answer only.")
            .Produces<ApiKeyCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        keys.MapDelete("/{id}", RevokeAsync)
            .WithoutIdempotencyKeys(IdempotencyKeyReasons.SetsState)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes one of your keys; when this returns, every silo refuses it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblemBody(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        return keys;
    }

    private static async Task<IResult> CreateAsync(
        ApiKeyCreateRequest request, HttpContext context, ApiKeyStore store, TimeProvider clock, IOptions<ApiKeyOptions> options)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Errors.BadRequest(context, "invalid_name", "Name the key in 1 to 100 characters, without control characters.");
        }

        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => s is null || !ApiKeyScopes.All.Contains(s)))
        {
            return Errors.BadRequest(context, "invalid_scopes", "scopes is a non-empty list of \"read\" and \"write\".");
        }

        var max = options.Value.MaxLifetimeDays;
        if (request.ExpiresInDays is { } days && (days < 1 || days > max))
        {
            return Errors.BadRequest(context, "invalid_expiry", $"expiresInDays is 1 to {max}, or null for a key that does not expire.");
        }

        var now = clock.GetUtcNow();
        var session = context.Session();
        var created = await store.CreateAsync(
            session.UserId,
            name,
            [.. scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            now,
            request.ExpiresInDays is { } d ? now.AddDays(d) : null,
            options.Value.MaxKeysPerUser,
            RequestOrigins.Of(context),
            context.RequestAborted);
        if (created is not { } key)
        {
            return Errors.Result(
                context, StatusCodes.Status409Conflict, "too_many_keys", $"You already have {options.Value.MaxKeysPerUser} live keys. Revoke one first.");
        }

        return TypedResults.Json(new ApiKeyCreatedResponse(key.View, key.Token.ToString()), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, ApiKeyStore store, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return Errors.BadRequest(context, "invalid_id", "An API key id is a UUID.");
        }

        var session = context.Session();
        var publicId = await store.FindPublicIdAsync(session.UserId, keyId, context.RequestAborted);
        var revoked = publicId is not null
            && await grains.GetGrain<IApiKeyGrain>(publicId).Revoke(session.UserId, "revoked_by_user", RequestOrigins.Of(context));
        return revoked ? Results.NoContent() : Errors.NotFound(context, "You have no live API key with that id.");
    }
}
