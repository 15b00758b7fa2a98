using FitFolio.Grains.Idempotency;

namespace FitFolio.Api.Http;

/// <summary>
/// A retry's answer: the first run's status and JSON body, byte for byte, and its stored headers (ETag, Location), marked
/// <c>Idempotent-Replayed: true</c>.
/// </summary>
public sealed class StoredAnswerResult(StoredAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = answer.Status;
        httpContext.Response.Headers[IdempotencyKeyFormat.ReplayedHeader] = "true";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            // Only the allow-list is ever stored; checked again so a row written by hand cannot set anything else.
            if (IdempotencyKeyHeaders.Stored.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                httpContext.Response.Headers[name] = value;
            }
        }

        if (answer.Body is null)
        {
            return Task.CompletedTask;
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
