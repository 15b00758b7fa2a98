using Microsoft.AspNetCore.Http.HttpResults;

namespace FitFolio.Api.Http;

/// <summary>Builds error responses in the API's one shape, carrying the request id.</summary>
public static class Errors
{
    public static JsonHttpResult<ApiErrorBody> Result(HttpContext context, int status, string code, string message, string? field = null) =>
        TypedResults.Json(new ApiErrorBody(new ApiError(code, message, context.TraceIdentifier, field)), statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string code, string message, string? field = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiErrorBody(new ApiError(code, message, context.TraceIdentifier, field)));
    }

    public static JsonHttpResult<ApiErrorBody> BadRequest(HttpContext context, string code, string message) =>
        Result(context, StatusCodes.Status400BadRequest, code, message);

    public static JsonHttpResult<ApiErrorBody> Unauthenticated(HttpContext context) =>
        Result(context, StatusCodes.Status401Unauthorized, "unauthenticated", "Sign in to continue.");

    public static JsonHttpResult<ApiErrorBody> NotFound(HttpContext context, string message) =>
        Result(context, StatusCodes.Status404NotFound, "not_found", message);

    public const string UnavailableCode = "unavailable";

    public const string UnavailableMessage = "The service is briefly unavailable. Try again shortly.";

    /// <summary>503 with a short Retry-After: a dependency (PostgreSQL, the cluster, a full queue) is briefly out of reach.</summary>
    public static JsonHttpResult<ApiErrorBody> Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
        return Result(context, StatusCodes.Status503ServiceUnavailable, UnavailableCode, UnavailableMessage);
    }

    public const string UnavailableRetryAfterSeconds = "5";

    public static JsonHttpResult<ApiErrorBody> TooManyRequests(HttpContext context, TimeSpan retryAfter, string message = "Too many requests. Try again later.")
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return Result(context, StatusCodes.Status429TooManyRequests, "rate_limited", message);
    }

    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
