using System.Security.Cryptography;
using System.Text;
using FitFolio.Api.Auth;
using FitFolio.Grains.Idempotency;
using Npgsql;

namespace FitFolio.Api.Http;

/// <summary>
/// The front door's half of <c>Idempotency-Key</c>: checks the header (400), answers a retry whose first run committed
/// with the stored status and body, from whichever silo the retry reaches (or 422 when the key came with another
/// request), and 409 while the first run is still in its transaction. Otherwise it hands the key, the caller and the
/// request's hash to the store that commits the write, through the Orleans request context; what is stored is decided
/// there, inside the write's transaction, where a crash can never leave a write without its answer or the reverse.
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

        if (http.Features.Get<CurrentUser>() is not { } user)
        {
            // Nobody signed in: the route's own check answers 401, and there is no caller to keep a key for.
            return await next(context);
        }

        var key = values[0]!;
        var caller = user.ApiKeyId is { } apiKey ? $"api-key:{apiKey:N}" : $"person:{user.UserId:N}";
        var hash = await HashAsync(http.Request);
        if (await IdempotencyStore.FindAsync(dataSource, caller, key, http.RequestAborted) is { } stored)
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

        if (await IdempotencyStore.IsRunningAsync(dataSource, caller, key, http.RequestAborted))
        {
            return Errors.Result(
                http,
                StatusCodes.Status409Conflict,
                "idempotency_key_in_flight",
                "A request with this Idempotency-Key is still being answered; retry it shortly for its answer.",
                IdempotencyKeyFormat.Header);
        }

        new IdempotencyRequest(caller, key, user.UserId, hash).Enter();
        try
        {
            return await next(context);
        }
        finally
        {
            IdempotencyRequest.Leave();
        }
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
