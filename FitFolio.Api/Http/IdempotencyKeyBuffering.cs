namespace FitFolio.Api.Http;

/// <summary>
/// Keeps the body of a keyed request to a route that honours keys readable after model binding has read it, so
/// <see cref="IdempotencyKeyFilter"/> can hash the bytes as sent. Runs after routing (it needs the endpoint) and only for
/// those requests: every other body streams as before.
/// </summary>
public sealed class IdempotencyKeyBuffering(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(IdempotencyKeyFormat.Header)
            && context.GetEndpoint()?.Metadata is { } metadata
            && metadata.GetMetadata<IdempotencyKeySupport>() is not null
            && metadata.GetMetadata<IdempotencyKeyExclusion>() is null)
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    }
}
