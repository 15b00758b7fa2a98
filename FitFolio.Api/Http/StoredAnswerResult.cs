using FitFolio.Grains.Idempotency;

namespace FitFolio.Api.Http;

/// <summary>A retry's answer: the first run's status and JSON body, byte for byte, marked <c>Idempotent-Replayed: true</c>.</summary>
public sealed class StoredAnswerResult(StoredAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = answer.Status;
        httpContext.Response.Headers[IdempotencyKeyFormat.ReplayedHeader] = "true";
        if (answer.Body is null)
        {
            return Task.CompletedTask;
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
