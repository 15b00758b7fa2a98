using System.Buffers;
using System.Diagnostics;

namespace FitFolio.Api.Http;

/// <summary>
/// Gives every request an id, echoed in <c>X-Request-ID</c>, put in every log line's scope and in
/// every error body. A well-formed incoming id (from the proxy) is kept so one id follows the request
/// end to end; anything else is replaced, so a client cannot inject log content. The id is also a
/// tag on the request's activity, so a log line (which carries the trace id too) and a trace find each other.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-ID";

    /// <summary>The tag holding the request id on the ASP.NET Core request activity.</summary>
    public const string ActivityTag = "fitfolio.request_id";

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var requestId = IsWellFormed(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(ActivityTag, requestId);
        }

        using (logger.BeginScope("RequestId:{RequestId}", requestId))
        {
            await next(context);
        }
    }

    private static bool IsWellFormed(string value) => value.Length is >= 8 and <= 128 && !value.AsSpan().ContainsAnyExcept(Allowed);
}
