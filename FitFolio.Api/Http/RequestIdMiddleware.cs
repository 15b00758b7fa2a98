using System.Diagnostics;
using FitFolio.Grains.Common;

namespace FitFolio.Api.Http;

/// <summary>
/// Gives every request an id, echoed in <c>X-Request-ID</c>, put in every log line's scope and in
/// every error body. An incoming id in the strict format of <see cref="RequestIds"/> (from the proxy or a
/// client) is kept so one id follows the request end to end; anything else is replaced by a server-made
/// one, so a client cannot inject log or audit content (ASVS 5.0 §16.4.1). The id is also a
/// tag on the request's activity, so a log line (which carries the trace id too) and a trace find each other.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-ID";

    /// <summary>The tag holding the request id on the ASP.NET Core request activity.</summary>
    public const string ActivityTag = "fitfolio.request_id";

    // Defined once: the BeginScope(string, params object[]) extension looks its format up in a shared table and
    // boxes an array on every request.
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var requestId = RequestIds.IsWellFormed(incoming) ? incoming : RequestIds.New();
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(ActivityTag, requestId);
        }

        using (Scope(logger, requestId))
        {
            await next(context);
        }
    }
}
