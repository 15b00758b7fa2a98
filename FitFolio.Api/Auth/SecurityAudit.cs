using FitFolio.Api.Http;
using FitFolio.Grains.Audit;

namespace FitFolio.Api.Auth;

/// <summary>
/// Security events the front door notices itself (ASVS 5.0 §16.3.2: failed authorisation is logged),
/// written with the request's origin. An authorisation refusal is built here as an answer that writes
/// its audit row when it is sent, so no check can refuse without leaving a record.
/// </summary>
public static class SecurityAudit
{
    /// <summary>The 403 JSON error for <paramref name="code"/>, audited as <see cref="AuditEventType.AuthorizationRefused"/> when sent.</summary>
    public static IResult Forbidden(HttpContext context, string code, string message) =>
        new AuditedRefusal(Errors.Result(context, StatusCodes.Status403Forbidden, code, message), code);

    public static Task WriteAsync(HttpContext context, string type, Guid? userId, IReadOnlyDictionary<string, object?> details) =>
        context.RequestServices.GetRequiredService<AuditLog>().WriteAsync(new AuditEvent(type, userId, RequestOrigins.Of(context), details));

    private sealed class AuditedRefusal(IResult answer, string code) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var user = httpContext.Features.Get<CurrentUser>();
            await WriteAsync(httpContext, AuditEventType.AuthorizationRefused, user?.UserId, new Dictionary<string, object?>
            {
                ["code"] = code,
                ["method"] = httpContext.Request.Method,
                ["path"] = httpContext.Request.Path.Value,
                ["api_key_id"] = user?.ApiKeyId,
            });
            await answer.ExecuteAsync(httpContext);
        }
    }
}
