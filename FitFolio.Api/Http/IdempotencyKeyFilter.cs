using System.Security.Cryptography;
using System.Text;
using FitFolio.Api.Auth;
using FitFolio.Api.OpenApi;
using FitFolio.Grains.Idempotency;
using Npgsql;

namespace FitFolio.Api.Http;

/// <summary>
/// The front door's half of <c>Idempotency-Key</c>: checks the header (400), answers a retry whose first run committed
/// with the stored status, body and headers, from whichever silo the retry reaches (or 422 when the key came with
/// another request), and 409 while the first run is still in its transaction. Otherwise it hands the key, the caller,
/// the request's hash and the headers its route answers (<see cref="AnswerHeaderRecipe"/>) to the store that commits the
/// write, through the Orleans request context; what is stored is decided there, inside the write's transaction, where a
/// crash can never leave a write without its answer or the reverse.
/// </summary>
public sealed class IdempotencyKeyFilter(NpgsqlDataSource dataSource) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotencyKeyExclusion>() is not null
            || !http.Request.Headers.TryGetValue(IdempotencyKeyFormat.Header, out var values))
        {
            return await next(context);
        }

        if (values.Count != 1 || !IdempotencyKeyFormat.IsWellFormed(values[0]))
        {
            return Errors.Result(
                http,
                StatusCodes.Status400BadRequest,
                "invalid_idempotency_key",
                $"Idempotency-Key must be one value of 1 to {IdempotencyKeyFormat.MaxLength} visible ASCII characters.",
                IdempotencyKeyFormat.Header);
        }

        IdempotencyCaller? caller = http.Features.Get<CurrentUser>() is { } user
            ? new(user.ApiKeyId is { } apiKey ? $"api-key:{apiKey:N}" : $"person:{user.UserId:N}", user.UserId)
            : http.GetEndpoint()?.Metadata.GetMetadata<SignedOutIdempotencyCaller>() is { } signedOut ? await signedOut.Resolve(context) : null;
        if (caller is not { } keyed)
        {
            // Nobody signed in and nothing else proves a caller: the route's own check answers 401, and there is no
            // caller to keep a key for.
            return await next(context);
        }

        return await RunAsync(http, values[0]!, keyed, () => next(context));
    }

    /// <summary>
    /// Runs a keyed request of <paramref name="caller"/>: the stored answer of its first run, 422 when the key came with
    /// another request, 409 while a run holds the key, else <paramref name="run"/> with the key in the request context.
    /// </summary>
    private async ValueTask<object?> RunAsync(HttpContext http, string key, IdempotencyCaller caller, Func<ValueTask<object?>> run)
    {
        var hash = await HashAsync(http.Request);
        if (await IdempotencyStore.FindAsync(dataSource, caller.Name, key, http.RequestAborted) is { } stored)
        {
            return stored.RequestHash == hash
                ? new StoredAnswerResult(stored)
                : Errors.Result(
                    http,
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.",
                    IdempotencyKeyFormat.Header);
        }

        if (await IdempotencyStore.IsRunningAsync(dataSource, caller.Name, key, http.RequestAborted))
        {
            return InFlight(http);
        }

        new IdempotencyRequest(caller.Name, key, caller.UserId, hash, HeadersOf(http)).Enter();
        try
        {
            return await run();
        }
        catch (IdempotencyKeyInFlightException)
        {
            // A user-grain or API-key write found the key claimed once it reached its transaction (UserWrite).
            return InFlight(http);
        }
        finally
        {
            IdempotencyRequest.Leave();
        }
    }

    public static IResult InFlight(HttpContext http) =>
        Errors.Result(
            http,
            StatusCodes.Status409Conflict,
            "idempotency_key_in_flight",
            "A request with this Idempotency-Key is still being answered; retry it shortly for its answer.",
            IdempotencyKeyFormat.Header);

    /// <summary>
    /// The replayable headers the route answers, from its metadata: the ETag of a versioned resource
    /// (<see cref="VersionedOperation"/>) and the Location of what it creates (<see cref="CreatedLocation"/>); the same
    /// metadata the handler builds them from, so the stored answer carries what the first one did.
    /// </summary>
    private static AnswerHeaderRecipe? HeadersOf(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        var etag = metadata?.GetMetadata<VersionedOperation>() is not null;
        var location = metadata?.GetMetadata<CreatedLocation>()?.Template;
        return etag || location is not null ? new AnswerHeaderRecipe(etag, location) : null;
    }

    /// <summary>SHA-256 of the method, path and query, and the body's bytes as sent (buffered by <see cref="IdempotencyKeyBuffering"/>).</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
